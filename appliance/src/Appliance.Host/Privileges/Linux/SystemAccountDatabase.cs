using System.Runtime.InteropServices;

namespace Appliance.Host.Privileges.Linux;

/// <summary>The system's databases through glibc's reentrant lookups (NSS: /etc/passwd, /etc/group, or whatever nsswitch.conf names).</summary>
internal sealed class SystemAccountDatabase : IAccountDatabase
{
    // Above sysconf(_SC_GETPW_R_SIZE_MAX) (1024 on glibc); a group with many members may need more, which glibc reports
    // as ERANGE: that is not "no such group", so the buffer grows.
    private const int InitialBuffer = 16384;
    private const int MaximumBuffer = 1 << 20;
    private const int ERange = 34;

    public static SystemAccountDatabase Instance { get; } = new();

    public (uint Uid, uint Gid)? FindUser(string name) =>
        Look((byte[] b, out nint found) => (LibCPrivileges.GetPwNam(name, out var e, b, (nuint)b.Length, out found), e), e => ((uint, uint)?)(e.Uid, e.Gid));

    public (string Name, uint Gid)? FindUser(uint uid) =>
        Look((byte[] b, out nint found) => (LibCPrivileges.GetPwUid(uid, out var e, b, (nuint)b.Length, out found), e),
            e => ((string, uint)?)(Marshal.PtrToStringUTF8(e.Name) ?? string.Empty, e.Gid));

    public uint? FindGroup(string name) =>
        Look((byte[] b, out nint found) => (LibCPrivileges.GetGrNam(name, out var e, b, (nuint)b.Length, out found), e), e => (uint?)e.Gid);

    public string? FindGroup(uint gid) =>
        Look((byte[] b, out nint found) => (LibCPrivileges.GetGrGid(gid, out var e, b, (nuint)b.Length, out found), e), e => Marshal.PtrToStringUTF8(e.Name));

    private delegate (int Result, T Entry) Lookup<T>(byte[] buffer, out nint found);

    /// <summary>
    /// Runs a *_r lookup and projects the entry. The entry's strings point into the buffer, so the buffer is allocated
    /// pinned and kept alive until the projection has read them.
    /// </summary>
    private static TResult? Look<T, TResult>(Lookup<T> lookup, Func<T, TResult?> project)
    {
        for (var size = InitialBuffer; size <= MaximumBuffer; size *= 4)
        {
            var buffer = GC.AllocateUninitializedArray<byte>(size, pinned: true);
            var (result, entry) = lookup(buffer, out var found);
            if (result == ERange)
            {
                continue;
            }

            var value = result == 0 && found != 0 ? project(entry) : default;
            GC.KeepAlive(buffer);
            return value;
        }

        return default;
    }
}
