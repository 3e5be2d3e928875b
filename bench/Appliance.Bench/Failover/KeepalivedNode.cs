using System.Text.RegularExpressions;
using Appliance.LabTests.Infrastructure;

namespace Appliance.Bench.Failover;

/// <summary>
/// The incumbent's node: haproxy (lab.sh's proxy sections, foreground) and keepalived 2.2.7 (VRRP only, foreground;
/// it forks one VRRP child that does the work). A fault hits all three processes at once.
/// </summary>
internal sealed partial class KeepalivedNode(LabSetup lab, string name) : IRouterNode
{
    private LabProcess? _haproxy;
    private LabProcess? _keepalived;

    public string Name { get; } = name;

    public RoleWatcher Roles { get; } = new();

    public void Start(int priority)
    {
        var haproxyConfig = Path.Combine(lab.Workdir, $"{Name}-haproxy.cfg");
        File.WriteAllText(haproxyConfig, lab.HaproxyConfig(Name));
        var keepalivedConfig = Path.Combine(lab.Workdir, $"{Name}-keepalived.conf");
        File.WriteAllText(keepalivedConfig, lab.KeepalivedConfig(Name, priority));
        var ns = lab.Namespace(Name);
        _haproxy = new LabProcess($"{Name}-haproxy", ["ip", "netns", "exec", ns, "haproxy", "-db", "-f", haproxyConfig]);
        _keepalived = new LabProcess($"{Name}-keepalived", [
            "ip", "netns", "exec", ns, "keepalived", "--dont-fork", "--log-console", "--vrrp", "-f", keepalivedConfig,
            "-p", Path.Combine(lab.Workdir, $"{Name}-k.pid"), "-r", Path.Combine(lab.Workdir, $"{Name}-kv.pid")]);
        _keepalived.Watch(line =>
        {
            var match = StateLine().Match(line);
            if (match.Success)
            {
                Roles.Observe(match.Groups["state"].Value);
            }
        });
    }

    public void SignalAll(int signal)
    {
        var pids = new List<int>();
        if (_keepalived is { HasExited: false } keepalived)
        {
            pids.Add(keepalived.Pid);
            pids.AddRange(Children(keepalived.Pid));
        }

        if (_haproxy is { HasExited: false } haproxy)
        {
            pids.Add(haproxy.Pid);
        }

        if (signal == Posix.SigKill)
        {
            // Freeze them first, the parent before its child: killed first, the parent's death would send the VRRP
            // child its PR_SET_PDEATHSIG signal, and a child that gets to handle it steps down with a priority-0
            // advert (a graceful stop, not a crash); a child killed first would be restarted by the parent.
            foreach (var pid in pids)
            {
                Posix.Kill(pid, Posix.SigStop);
            }
        }

        foreach (var pid in pids)
        {
            Posix.Kill(pid, signal);
        }
    }

    public string Tail() =>
        string.Join('\n', (_keepalived?.Lines.TakeLast(15) ?? []).Concat(_haproxy?.Lines.TakeLast(5) ?? []));

    public void Dispose()
    {
        if (_keepalived is { HasExited: false } keepalived)
        {
            // The VRRP child first: killed by its own PID, not left to notice that its parent died.
            foreach (var child in Children(keepalived.Pid))
            {
                Posix.Kill(child, Posix.SigCont);
                Posix.Kill(child, Posix.SigKill);
            }
        }

        _keepalived?.Dispose();
        _haproxy?.Dispose();
        File.WriteAllLines(Path.Combine(lab.Workdir, $"{Name}.log"), (_keepalived?.Lines ?? []).Concat(_haproxy?.Lines ?? []));
    }

    /// <summary>The direct children of <paramref name="pid"/> (/proc/PID/task/PID/children).</summary>
    private static IEnumerable<int> Children(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/task/{pid}/children")
                .Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select(int.Parse)
                .ToList();
        }
        catch (IOException)
        {
            return [];
        }
    }

    [GeneratedRegex(@"Entering (?<state>MASTER|BACKUP|FAULT) STATE")]
    private static partial Regex StateLine();
}
