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
        _process = new LabProcess(Name, ["ip", "netns", "exec", lab.Namespace(Name), lab.Appliance, "run", "-f", path]);
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

    public void Dispose() => _process?.Dispose();

    [GeneratedRegex(@"^ha: \S+: role (?<from>[A-Z]+) -> (?<to>[A-Z]+) \((?<reason>[A-Za-z]+)\)")]
    private static partial Regex RoleLine();
}
