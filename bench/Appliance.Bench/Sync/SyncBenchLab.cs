using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Appliance.Bench.Failover;
using Appliance.LabTests.Infrastructure;
using Appliance.LabTests.Infrastructure.Sticky;

namespace Appliance.Bench.Sync;

/// <summary>
/// The namespace lab (lab/lab.sh) for the sync cells: the HTTP servers s1..s4 in PREFIX-be (served from this process),
/// and lb1 (priority 150) and lb2 (100) running `appliance run` with replicated stick tables and state sync over a
/// pre-shared key. Dispose kills the nodes by PID, closes the servers and deletes the namespaces.
/// </summary>
internal sealed partial class SyncBenchLab : IDisposable
{
    private readonly string _labScript;
    private readonly string _appliance;
    private readonly Dictionary<string, LabProcess> _nodes = [];
    private readonly Dictionary<string, RoleWatcher> _roles = [];
    private readonly NamespaceSockets? _backendSockets;

    public SyncBenchLab(string prefix, string labScript, string appliance, string workdir)
    {
        Prefix = prefix;
        _labScript = labScript;
        _appliance = appliance;
        Workdir = Directory.CreateDirectory(workdir).FullName;
        Commands.Check("bash", labScript, "up", prefix);
        try
        {
            _backendSockets = new NamespaceSockets($"{prefix}-be");
            Backends = new LabHttpBackends(_backendSockets, IPAddress.Parse("10.213.0.21"), 4);
            ClientSockets = new NamespaceSockets($"{prefix}-cl");
            PskFile = Path.Combine(Workdir, "sync.psk");
            File.Delete(PskFile);
            Commands.Check(appliance, "cluster", "gen-psk", "--out", PskFile);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public string Prefix { get; }

    public string Workdir { get; }

    public string PskFile { get; } = string.Empty;

    public LabHttpBackends Backends { get; } = null!;

    public NamespaceSockets ClientSockets { get; } = null!;

    public static IPEndPoint Vip(int port) => new(IPAddress.Parse(StickyConfigs.Vip), port);

    public string ConfigPath(string node) => Path.Combine(Workdir, $"{node}.cfg");

    public string AdminSocket(string node) => Path.Combine(Workdir, $"{node}.sock");

    /// <summary>
    /// lab.sh's config for the node with the sync lines and a 1 s advert interval (the cells measure sync, not failover:
    /// a shared machine must not make the pair flap), then the stick-table sections.
    /// </summary>
    public string Config(string node, int priority) =>
        Commands.Check("bash", [_labScript, "config", Prefix, node, priority.ToString(CultureInfo.InvariantCulture), .. StickyConfigs.SyncHaLines(node, PskFile)])
            .Replace("advert_int 100ms", "advert_int 1s", StringComparison.Ordinal)
        + StickyConfigs.StickTables(Backends);

    /// <summary>Starts lb1, waits for master, then lb2, waits for backup.</summary>
    public async Task StartPairAsync()
    {
        Start("lb1", 150);
        await _roles["lb1"].WaitForAsync("MASTER", TimeSpan.FromSeconds(20), () => Tail("lb1"));
        Start("lb2", 100);
        await _roles["lb2"].WaitForAsync("BACKUP", TimeSpan.FromSeconds(20), () => Tail("lb2"));
    }

    /// <summary>Sends one admin command line to the node's socket and returns the answer.</summary>
    public async Task<string> AdminAsync(string node, string command)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(AdminSocket(node)));
        await socket.SendAsync(Encoding.UTF8.GetBytes(command + "\n"), SocketFlags.None);
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        socket.Shutdown(SocketShutdown.Send);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return (await reader.ReadToEndAsync()).TrimEnd();
    }

    /// <summary>Runs `appliance ARGS --socket NODE's socket` and returns its output; throws when it fails.</summary>
    public string Cli(string node, params string[] arguments) => Commands.Check(_appliance, [.. arguments, "--socket", AdminSocket(node)]);

    public string Tail(string node) => string.Join('\n', _nodes.GetValueOrDefault(node)?.Lines.TakeLast(20) ?? []);

    public void Dispose()
    {
        foreach (var node in _nodes.Values)
        {
            node.Dispose();
        }

        ClientSockets?.Dispose();
        Backends?.Dispose();
        _backendSockets?.Dispose();
        Commands.Run("bash", [_labScript, "down", Prefix]);
    }

    private void Start(string node, int priority)
    {
        File.WriteAllText(ConfigPath(node), Config(node, priority));
        var roles = new RoleWatcher();
        _roles[node] = roles;
        var process = new LabProcess(node, ["ip", "netns", "exec", $"{Prefix}-{node}", _appliance, "run", "-f", ConfigPath(node),
            "--socket", AdminSocket(node), "--state-dir", Path.Combine(Workdir, $"{node}-state")]);
        _nodes[node] = process;
        process.Watch(line =>
        {
            var match = RoleLine().Match(line);
            if (match.Success)
            {
                roles.Observe(match.Groups["to"].Value);
            }
        });
    }

    [GeneratedRegex(@"^ha: \S+: role (?<from>[A-Z]+) -> (?<to>[A-Z]+) \(")]
    private static partial Regex RoleLine();
}
