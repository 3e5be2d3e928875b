using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace Appliance.LabTests.Infrastructure;

/// <summary>
/// One namespace lab (lab/lab.sh): namespaces PREFIX-sw/lb1/lb2/lb3/be/cl with a unique prefix, the backend, two appliance
/// nodes (a third, <see cref="Lb3"/>, for the tests that start it) and the client probe. Dispose kills every process it started, by PID, and deletes the namespaces, even when
/// the test failed; it also writes the nodes' role lines to the test output.
/// </summary>
internal sealed partial class Lab : IDisposable
{
    public const string Vip = "10.213.0.10";

    /// <summary>The lab's advert interval (lab.sh config: advert_int 100ms).</summary>
    public static readonly TimeSpan AdvertInterval = TimeSpan.FromMilliseconds(100);

    private static int s_counter;

    private readonly ITestOutputHelper _output;
    private readonly List<IDisposable> _owned = [];
    private readonly bool _threeNodes;

    /// <param name="output">The test's output.</param>
    /// <param name="threeNodes">True: lab.sh also builds PREFIX-lb3 (10.213.0.13) for <see cref="Lb3"/>.</param>
    public Lab(ITestOutputHelper output, bool threeNodes = false)
    {
        _output = output;
        Prefix = $"hl{Environment.ProcessId:x}{Interlocked.Increment(ref s_counter)}";
        Folder = Directory.CreateTempSubdirectory($"lab-{Prefix}-").FullName;
        try
        {
            _threeNodes = threeNodes;
            Script(threeNodes ? ["up", Prefix, "three"] : ["up", Prefix]);
            Lb1 = new LabNode(this, "lb1");
            Lb2 = new LabNode(this, "lb2");
            Lb3 = new LabNode(this, "lb3");
            _owned.Add(new LabProcess("backend", ["bash", ApplianceBuild.LabScript, "backend", Prefix]));
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public string Prefix { get; }

    /// <summary>Where node configs are written.</summary>
    public string Folder { get; }

    public LabNode Lb1 { get; } = null!;

    public LabNode Lb2 { get; } = null!;

    /// <summary>The third node (10.213.0.13): only in a lab built with <c>threeNodes</c>.</summary>
    public LabNode Lb3 { get; } = null!;

    /// <summary>The nodes whose namespaces the lab built (lb3 only with <c>threeNodes</c>); none is null once constructed.</summary>
    private IEnumerable<LabNode> Nodes => new[] { Lb1, Lb2, _threeNodes ? Lb3 : null }.Where(n => n is not null)!;

    /// <summary>Skew_Time of a priority-100 backup at the lab's interval (RFC 5798 §6.1): (256 − 100) × 10 cs / 256 = 6 cs.</summary>
    public static TimeSpan SkewTime(int priority) => TimeSpan.FromMilliseconds((256 - priority) * 10 / 256 * 10);

    public string NamespaceOf(string host) => $"{Prefix}-{host}";

    /// <summary>Sections appended to every node config after lab.sh's own (the sticky-client tests' frontends and backends).</summary>
    public string ProxySections { get; set; } = string.Empty;

    /// <summary>
    /// The advert interval of the node configs, when not lab.sh's 100 ms: tests that measure persistence rather than
    /// failover time use a longer one, so a starved CI machine does not make the pair flap.
    /// </summary>
    public string? AdvertInt { get; set; }

    /// <summary>A node config from lab.sh with <paramref name="priority"/> and extra <c>ha</c> lines, then <see cref="ProxySections"/>.</summary>
    public string Config(string node, int priority, params string[] extraHaLines)
    {
        var config = Script(["config", Prefix, node, priority.ToString(System.Globalization.CultureInfo.InvariantCulture), .. extraHaLines]) + ProxySections;
        return AdvertInt is null ? config : config.Replace("advert_int 100ms", $"advert_int {AdvertInt}", StringComparison.Ordinal);
    }

    /// <summary>Gives the client <paramref name="count"/> more source addresses in 10.214.0.0/16, routed from both nodes (lab.sh clients).</summary>
    public void AddClientAddresses(int count) => Script("clients", Prefix, count.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Starts lb1 (priority 150) and waits for it to be master, then lb2 (100) and waits for backup, then the client.</summary>
    public async Task<ClientProbe> StartPairAsync(string[]? lb1Extra = null, string[]? lb2Extra = null)
    {
        Lb1.Start(Config("lb1", 150, lb1Extra ?? []));
        await Lb1.WaitForRoleAsync("MASTER", TimeSpan.FromSeconds(20));
        Lb2.Start(Config("lb2", 100, lb2Extra ?? []));
        await Lb2.WaitForRoleAsync("BACKUP", TimeSpan.FromSeconds(20));
        return await StartClientAsync();
    }

    /// <summary>Starts the client probe and waits until it is served through the VIP.</summary>
    public async Task<ClientProbe> StartClientAsync()
    {
        var probe = new ClientProbe(NamespaceOf("cl"), new IPEndPoint(IPAddress.Parse(Vip), 8080));
        _owned.Add(probe);
        await probe.WaitForServiceAsync(20, TimeSpan.FromSeconds(10));
        return probe;
    }

    /// <summary>The MAC the client's neighbour table holds for the VIP, or null.</summary>
    public string? ClientNeighbourMac()
    {
        var match = LladdrPattern().Match(Script("neigh", Prefix));
        return match.Success ? match.Groups[1].Value : null;
    }

    /// <summary>Waits until the client's neighbour entry for the VIP is <paramref name="mac"/>.</summary>
    public async Task WaitForClientNeighbourAsync(string mac, TimeSpan timeout)
    {
        var started = Stopwatch.GetTimestamp();
        while (ClientNeighbourMac() != mac)
        {
            if (Stopwatch.GetElapsedTime(started) > timeout)
            {
                throw new TimeoutException($"the client's neighbour entry for {Vip} is {ClientNeighbourMac() ?? "absent"}, expected {mac}");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Sets <paramref name="host"/>'s port on the lab bridge up or down.</summary>
    public void SetBridgePort(string host, bool up) => Script("port", Prefix, host, up ? "up" : "down");

    /// <summary>Sets eth0 inside <paramref name="host"/>'s namespace up or down.</summary>
    public void SetLink(string host, bool up) => Commands.Check("ip", "-n", NamespaceOf(host), "link", "set", "eth0", up ? "up" : "down");

    /// <summary>Nodes that hold the VIP now.</summary>
    public IReadOnlyList<LabNode> VipHolders() => [.. Nodes.Where(n => n.HasVip)];

    /// <summary>Waits until exactly <paramref name="node"/> holds the VIP and says MASTER, and every other running node says BACKUP.</summary>
    public async Task WaitForSoleMasterAsync(LabNode node, TimeSpan timeout)
    {
        await node.WaitForRoleAsync("MASTER", timeout);
        foreach (var other in Nodes.Where(n => n != node && n.IsRunning))
        {
            await other.WaitForRoleAsync("BACKUP", timeout);
        }

        var started = Stopwatch.GetTimestamp();
        while (VipHolders() is var holders && !(holders.Count == 1 && holders[0] == node))
        {
            if (Stopwatch.GetElapsedTime(started) > timeout)
            {
                throw new TimeoutException($"VIP holders: {string.Join(", ", holders.Select(h => h.Name))}; expected only {node.Name}");
            }

            await Task.Delay(20);
        }
    }

    public void Log(string message) => _output.WriteLine(message);

    public void Dispose()
    {
        foreach (var owned in Enumerable.Reverse(_owned))
        {
            owned.Dispose();
        }

        foreach (var node in Nodes)
        {
            if (node.ConfigPath is null)
            {
                continue;
            }

            node.Dispose();
            _output.WriteLine($"--- {node.Name} role lines:\n{string.Join('\n', node.RoleLines)}");
        }

        Script("down", Prefix);
        Directory.Delete(Folder, recursive: true);
    }

    private string Script(params string[] arguments) => Commands.Check("bash", [ApplianceBuild.LabScript, .. arguments]);

    [GeneratedRegex(@"lladdr ([0-9a-f:]{17})")]
    private static partial Regex LladdrPattern();
}
