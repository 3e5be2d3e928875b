using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Appliance.Host.Privileges.Linux;

namespace Appliance.Host.Privileges;

/// <summary>
/// <c>global</c> <c>user</c>/<c>uid</c> and <c>group</c>/<c>gid</c> (docs/configuration.md §3, docs/operations.md "Running
/// without root"), resolved by <see cref="AccountResolver"/>. Started as root, <c>run</c> switches to that user and group keeping only <see cref="Capability.Kept"/>:
/// the bounding set cut to them, prctl(PR_SET_KEEPCAPS), setgroups to the one group, setresgid, setresuid, capset, the kept capabilities raised as
/// ambient, then execve of the same command line. Capabilities and keep-caps belong to a thread, and a .NET process
/// already runs a dozen threads (thread pool, GC, timers) that would lose theirs at setresuid; execve restarts the runtime
/// with the ambient set on every thread it creates, so every later socket, bind, netlink call and reload has them. The
/// restarted process then binds, opens its raw sockets and creates the admin socket as that user. Same pid.
/// </summary>
internal static class PrivilegeDrop
{
    /// <summary>Set for the restarted process: <c>UID:GID</c> it was switched to. Removed once checked.</summary>
    public const string DroppedVariable = "APPLIANCE_DROPPED_TO";

    /// <summary>
    /// Switches to <paramref name="target"/> (from <see cref="AccountResolver"/>; null = nothing to do). Returns null to go
    /// on serving (nothing to do, already switched, or group only), or the reason not to start. On success as root it does
    /// not return: execve. <paramref name="ownedDirectories"/> (state directory, admin socket directory) are created and
    /// given to the user when they do not exist yet.
    /// </summary>
    public static string? Apply(AccountTarget? target, IReadOnlyList<string> ownedDirectories, TextWriter stdout)
    {
        if (target is null)
        {
            return null;
        }

        var (uid, gid) = (target.Uid, target.Gid);
        if (Environment.GetEnvironmentVariable(DroppedVariable) == target.Marker && uid == LibCPrivileges.GetUid() && gid == LibCPrivileges.GetGid())
        {
            Environment.SetEnvironmentVariable(DroppedVariable, null);
            stdout.WriteLine($"appliance: running as {target.UserText}, {target.GroupText} with {string.Join(", ", Capability.Kept.Select(Capability.Name))}");
            return null;
        }

        if (LibCPrivileges.GetEuid() != 0)
        {
            return (uid is null || uid == LibCPrivileges.GetUid()) && gid == LibCPrivileges.GetGid()
                ? null
                : $"global 'user'/'group' asks for uid {uid?.ToString(CultureInfo.InvariantCulture) ?? "(unchanged)"} gid {gid}: start the node as root to switch (it runs as uid {LibCPrivileges.GetUid()} gid {LibCPrivileges.GetGid()})";
        }

        if (uid is null)
        {
            // 'group' alone, as in HAProxy: the group changes, the process stays uid 0 with every capability.
            return SwitchGroup(gid);
        }

        foreach (var directory in ownedDirectories)
        {
            if (!Directory.Exists(directory))
            {
                Directory.CreateDirectory(directory);
                Check(LibCPrivileges.Chown(directory, uid.Value, gid), $"chown {directory}");
            }
        }

        try
        {
            // The bounding set first (needs CAP_SETPCAP, gone after setresuid): nothing the process or a program it runs
            // (notify, track_script) executes can gain a capability beyond the kept ones, not even a setuid-root binary.
            var last = int.Parse(File.ReadAllText("/proc/sys/kernel/cap_last_cap").Trim(), CultureInfo.InvariantCulture);
            foreach (var capability in Enumerable.Range(0, last + 1).Except(Capability.Kept))
            {
                Check(LibCPrivileges.Prctl(LibCPrivileges.PrCapBsetDrop, (nuint)capability, 0, 0, 0), $"dropping capability {capability} from the bounding set");
            }

            Check(LibCPrivileges.Prctl(LibCPrivileges.PrSetKeepCaps, 1, 0, 0, 0), "prctl(PR_SET_KEEPCAPS)");
            if (SwitchGroup(gid) is { } failed)
            {
                return failed;
            }

            Check(LibCPrivileges.SetResUid(uid.Value, uid.Value, uid.Value), "setresuid");
            var mask = Capability.Mask(Capability.Kept);
            var header = new LibCPrivileges.CapHeader { Version = LibCPrivileges.CapabilityVersion3, Pid = 0 };
            Check(LibCPrivileges.CapSet(ref header, [new() { Effective = mask, Permitted = mask, Inheritable = mask }, default]), "capset");
            foreach (var capability in Capability.Kept)
            {
                Check(LibCPrivileges.Prctl(LibCPrivileges.PrCapAmbient, LibCPrivileges.PrCapAmbientRaise, (nuint)capability, 0, 0), $"raising {Capability.Name(capability)} as ambient");
            }

            Exec(target.Marker);
            return null;
        }
        catch (IOException e)
        {
            return $"dropping root to {target.UserText}: {e.Message}";
        }
    }

    private static string? SwitchGroup(uint gid)
    {
        try
        {
            Check(LibCPrivileges.SetGroups(1, [gid]), "setgroups");
            Check(LibCPrivileges.SetResGid(gid, gid, gid), "setresgid");
            return null;
        }
        catch (IOException e)
        {
            return $"switching to gid {gid}: {e.Message}";
        }
    }

    /// <summary>Runs the same command line again with the marker set; returns only by throwing.</summary>
    private static void Exec(string target)
    {
        var arguments = File.ReadAllText("/proc/self/cmdline", Encoding.UTF8).TrimEnd('\0').Split('\0');
        var environment = Environment.GetEnvironmentVariables().Keys.Cast<string>()
            .Where(k => k != DroppedVariable)
            .Select(k => $"{k}={Environment.GetEnvironmentVariable(k)}")
            .Append($"{DroppedVariable}={target}");
        Console.Out.Flush();
        Console.Error.Flush();
        LibCPrivileges.Execve("/proc/self/exe", [.. arguments, null], [.. environment, null]);
        throw new IOException($"execve /proc/self/exe: errno {Marshal.GetLastPInvokeError()}");
    }

    private static void Check(int result, string what)
    {
        if (result != 0)
        {
            throw new IOException($"{what} failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }
}
