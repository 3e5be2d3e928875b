using System.Runtime.InteropServices;

namespace Appliance.Host.Privileges.Linux;

/// <summary>
/// The libc calls that change the process's credentials. glibc applies setgroups, setresgid and setresuid to every
/// thread (its setxid broadcast); prctl and capset act on the calling thread only, which is why the drop ends in execve
/// (see <see cref="PrivilegeDrop"/>). Constants from include/uapi/linux/prctl.h and capability.h.
/// </summary>
internal static partial class LibCPrivileges
{
    public const int PrSetKeepCaps = 8;
    public const int PrCapBsetDrop = 24;
    public const int PrCapAmbient = 47;
    public const int PrCapAmbientRaise = 2;

    /// <summary>_LINUX_CAPABILITY_VERSION_3: two 32-bit words per set.</summary>
    public const uint CapabilityVersion3 = 0x20080522;

    [StructLayout(LayoutKind.Sequential)]
    public struct Passwd
    {
        public nint Name;
        public nint Password;
        public uint Uid;
        public uint Gid;
        public nint Gecos;
        public nint Dir;
        public nint Shell;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct Group
    {
        public nint Name;
        public nint Password;
        public uint Gid;
        public nint Members;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct CapHeader
    {
        public uint Version;
        public int Pid;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct CapData
    {
        public uint Effective;
        public uint Permitted;
        public uint Inheritable;
    }

    [LibraryImport("libc", EntryPoint = "getpwnam_r", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int GetPwNam(string name, out Passwd entry, byte[] buffer, nuint length, out nint result);

    [LibraryImport("libc", EntryPoint = "getgrnam_r", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int GetGrNam(string name, out Group entry, byte[] buffer, nuint length, out nint result);

    [LibraryImport("libc", EntryPoint = "getpwuid_r", SetLastError = true)]
    public static partial int GetPwUid(uint uid, out Passwd entry, byte[] buffer, nuint length, out nint result);

    [LibraryImport("libc", EntryPoint = "getgrgid_r", SetLastError = true)]
    public static partial int GetGrGid(uint gid, out Group entry, byte[] buffer, nuint length, out nint result);

    [LibraryImport("libc", EntryPoint = "geteuid")]
    public static partial uint GetEuid();

    [LibraryImport("libc", EntryPoint = "getuid")]
    public static partial uint GetUid();

    [LibraryImport("libc", EntryPoint = "getgid")]
    public static partial uint GetGid();

    [LibraryImport("libc", EntryPoint = "prctl", SetLastError = true)]
    public static partial int Prctl(int option, nuint arg2, nuint arg3, nuint arg4, nuint arg5);

    [LibraryImport("libc", EntryPoint = "setgroups", SetLastError = true)]
    public static partial int SetGroups(nuint size, uint[] groups);

    [LibraryImport("libc", EntryPoint = "setresgid", SetLastError = true)]
    public static partial int SetResGid(uint real, uint effective, uint saved);

    [LibraryImport("libc", EntryPoint = "setresuid", SetLastError = true)]
    public static partial int SetResUid(uint real, uint effective, uint saved);

    [LibraryImport("libc", EntryPoint = "capset", SetLastError = true)]
    public static partial int CapSet(ref CapHeader header, CapData[] data);

    [LibraryImport("libc", EntryPoint = "chown", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int Chown(string path, uint owner, uint group);

    [LibraryImport("libc", EntryPoint = "execve", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int Execve(string path, string?[] argv, string?[] envp);
}
