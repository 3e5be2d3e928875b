using System.Text.RegularExpressions;
using Appliance.LabTests.Infrastructure;

namespace Appliance.Bench.Failover;

/// <summary>Our node: one `appliance run -f` process holding the proxy and the ha-agent.</summary>
internal sealed partial class OursNode(LabSetup lab, string name) : IRouterNode
{
    private LabProcess? _process;

    public string Name { get; } = name;

    public RoleWatcher Roles { get; } = new();

    public void Start(int priority)
    {
        var path = Path.Combine(lab.Workdir, $"{Name}.cfg");
        File.WriteAllText(path, lab.ApplianceConfig(Name, priority));
        // Each node its own admin socket and state directory: both run on this one file system.
        _process = new LabProcess(Name, [
            "ip", "netns", "exec", lab.Namespace(Name), lab.Appliance, "run", "-f", path,
            "--socket", Path.Combine(lab.Workdir, $"{Name}.sock"), "--state-dir", Path.Combine(lab.Workdir, $"{Name}-state")]);
        _process.Watch(line =>
        {
            var match = RoleLine().Match(line);
            if (match.Success)
            {
                Roles.Observe(match.Groups["to"].Value, match.Groups["reason"].Value);
            }
        });
    }

    public void SignalAll(int signal) => Posix.Kill(_process!.Pid, signal);

    public string Tail() => string.Join('\n', _process?.Lines.TakeLast(20) ?? []);

    /// <summary>Kills the node and keeps its output in the run's folder (NAME.log), where the takeover reason can be read.</summary>
    public void Dispose()
    {
        _process?.Dispose();
        if (_process is not null)
        {
            File.WriteAllLines(Path.Combine(lab.Workdir, $"{Name}.log"), _process.Lines);
        }
    }

    [GeneratedRegex(@"^ha: \S+: role (?<from>[A-Z]+) -> (?<to>[A-Z]+) \((?<reason>[A-Za-z]+)\)")]
    private static partial Regex RoleLine();
}
