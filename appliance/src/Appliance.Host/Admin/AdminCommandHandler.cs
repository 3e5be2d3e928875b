using System.Globalization;
using System.Text;
using Appliance.Host.Hosting;
using Appliance.Host.Switchover;
using Appliance.Host.Sync;
using Appliance.ProxyCore;
using Appliance.ProxyCore.Model;

namespace Appliance.Host.Admin;

/// <summary>
/// The admin socket's commands, in the style of HAProxy's runtime API (one command per connection, text answer). An
/// answer whose first line starts with <c>error:</c> failed; the CLI exits 1 for it.
/// </summary>
internal sealed class AdminCommandHandler
{
    public const string ErrorPrefix = "error: ";

    /// <summary>2 s per peer for <c>sync status</c>: a peer that takes longer is shown unreachable rather than stalling the command.</summary>
    private static readonly TimeSpan PeerStatusTimeout = TimeSpan.FromSeconds(2);

    private readonly ProxyEngine _engine;
    private readonly Func<Task<string>> _reload;
    private readonly TimeProvider _time;
    private readonly DateTimeOffset _started;
    private HaAgentHost? _ha;
    private SyncHost? _sync;

    public AdminCommandHandler(ProxyEngine engine, Func<Task<string>> reload, TimeProvider time)
    {
        _engine = engine;
        _reload = reload;
        _time = time;
        _started = time.GetUtcNow();
        Switchover = new SwitchoverCoordinator(() => Ha, time);
    }

    /// <summary>
    /// Planned switchover (<c>failover</c>); the sync wiring sets its <see cref="SwitchoverCoordinator.Drain"/> and
    /// <see cref="SwitchoverCoordinator.Takeover"/> and answers Takeover RPCs with <see cref="SwitchoverCoordinator.AcceptTakeoverAsync"/>.
    /// </summary>
    public SwitchoverCoordinator Switchover { get; }

    /// <summary>The running ha-agent, when the node has an <c>ha</c> section (set once it started).</summary>
    public HaAgentHost? Ha
    {
        get => Volatile.Read(ref _ha);
        set => Volatile.Write(ref _ha, value);
    }

    /// <summary>The sync service, when the node has sync peers (set once it started).</summary>
    public SyncHost? Sync
    {
        get => Volatile.Read(ref _sync);
        set => Volatile.Write(ref _sync, value);
    }

    public static IReadOnlyList<string> Commands { get; } =
    [
        "help", "status", "show info", "show stat", "show servers state", "set server BACKEND/SERVER state ready|drain|maint",
        "set server BACKEND/SERVER weight N", "reload", "reload local", FailoverCommandParser.Syntax, "sync status",
    ];

    public async Task<string> HandleAsync(string line)
    {
        var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return words switch
        {
            ["help"] => "commands:\n" + string.Join('\n', Commands.Select(c => "  " + c)),
            ["status"] => Status(),
            ["show", "info"] => Info(),
            ["show", "stat"] => Appliance.ProxyCore.Stats.CsvStatsWriter.Write(_engine.Stats.Collect()).TrimEnd(),
            ["show", "servers", "state"] => ServersState(),
            ["set", "server", var target, "state", var state] => SetState(target, state),
            ["set", "server", var target, "weight", var weight] => SetWeight(target, weight),
            ["reload"] => await _reload().ConfigureAwait(false),
            ["reload", "local"] => await ReloadLocalAsync().ConfigureAwait(false),
            ["failover", ..] => await FailoverAsync(words).ConfigureAwait(false),
            ["sync", "status"] => await SyncStatusAsync().ConfigureAwait(false),
            [] => ErrorPrefix + "empty command; try 'help'",
            _ => ErrorPrefix + $"unknown command '{line.Trim()}'; try 'help'",
        };
    }

    private string Status()
    {
        var text = new StringBuilder(Info());
        if (Ha is { } ha)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"role: {ha.Role.ToString().ToUpperInvariant()}");
            text.AppendLine(CultureInfo.InvariantCulture, $"priority: {ha.Priority}{(ha.PriorityOverride is { } o ? $" (override {o})" : string.Empty)}");
            if (ha.IsHeld)
            {
                text.AppendLine("hold: resigned, not preempting ('appliance failover --release' ends it)");
            }

            if (ha.MasterAddress is { } master)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"master: {master}");
            }

            text.AppendLine(CultureInfo.InvariantCulture, $"vips: {string.Join(", ", ha.Config.VirtualAddresses.Select(v => v.ToString()))}");
            text.AppendLine(CultureInfo.InvariantCulture, $"peers: {(ha.Config.IsUnicast ? string.Join(", ", ha.Config.UnicastPeers) : "multicast 224.0.0.18")}");
            if (ha.Discovery is { } discovery)
            {
                var peers = discovery.Peers;
                text.AppendLine(CultureInfo.InvariantCulture, $"discovery: mdns as '{discovery.InstanceName}', {peers.Count} peer(s) found");
                foreach (var peer in peers)
                {
                    text.AppendLine(CultureInfo.InvariantCulture, $"  discovered {peer.NodeName} {string.Join(',', peer.Addresses)} sync {peer.SyncPort} ({peer.Instance} on {peer.Host})");
                }
            }

        }
        else
        {
            text.AppendLine("role: none (no ha section)");
        }

        text.AppendLine(Sync is { } sync ? SyncStatusText.Summary(sync.Node.GetStatus()) : "sync: none (no sync_peer, nor discovery mdns with sync authentication)");
        foreach (var backend in _engine.Backends.Values)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"backend {backend.Name}: {backend.Servers.Count(s => s.State.IsUsable)}/{backend.Servers.Count} usable, queue {backend.Queue.Count}");
            foreach (var server in backend.Servers)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  {server.Name} {StateOf(server)} weight {server.State.EffectiveWeight} sessions {server.State.ActiveConnections}");
            }
        }

        return text.ToString().TrimEnd();
    }

    private async Task<string> FailoverAsync(string[] words)
    {
        var (request, release, error) = FailoverCommandParser.Parse(words);
        if (error is not null)
        {
            return ErrorPrefix + error;
        }

        var result = release
            ? await Switchover.ReleaseAsync().ConfigureAwait(false)
            : await Switchover.FailoverAsync(request!, CancellationToken.None).ConfigureAwait(false);
        var text = string.Join('\n', result.Lines);
        return result.Succeeded ? text : ErrorPrefix + text;
    }

    /// <summary>A reload on this node only; the same as <c>reload</c> on a node without sync peers.</summary>
    private async Task<string> ReloadLocalAsync()
    {
        if (Sync is not { } sync)
        {
            return await _reload().ConfigureAwait(false);
        }

        var (applied, message) = await sync.ReloadLocalAsync().ConfigureAwait(false);
        return applied ? message + " (this node only: the other nodes keep their configuration; 'appliance sync status' shows the drift)" : ErrorPrefix + message;
    }

    /// <summary>Asks every peer for its report (each within <see cref="PeerStatusTimeout"/>) and formats the cluster view.</summary>
    private async Task<string> SyncStatusAsync() => Sync is { } sync
        ? SyncStatusText.Format(await sync.Node.GetClusterStatusAsync(PeerStatusTimeout).ConfigureAwait(false))
        : ErrorPrefix + "this node has no sync ('sync_peer', or 'discovery mdns' with 'sync_psk_file' or 'sync_ca'/'sync_cert'/'sync_key', in the 'ha' section)";

    private string Info()
    {
        var uptime = _time.GetUtcNow() - _started;
        return string.Create(CultureInfo.InvariantCulture, $"""
            node: {Environment.MachineName}
            pid: {Environment.ProcessId}
            uptime: {(int)uptime.TotalSeconds}s
            listeners: {string.Join(", ", _engine.ListeningEndPoints)}
            connections: {_engine.ActiveConnections}

            """);
    }

    /// <summary>One line per server: backend, server, address, health, admin state, effective weight, sessions, total.</summary>
    private string ServersState()
    {
        var text = new StringBuilder("# be_name srv_name srv_addr srv_op_state srv_admin_state srv_weight srv_cur_sess srv_tot_sess\n");
        foreach (var backend in _engine.Backends.Values)
        {
            foreach (var server in backend.Servers)
            {
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"{backend.Name} {server.Name} {server.Address?.ToString() ?? "-"} {server.State.Health.ToString().ToUpperInvariant()} {server.State.Admin.ToString().ToUpperInvariant()} {server.State.EffectiveWeight} {server.State.ActiveConnections} {server.State.TotalConnections}");
            }
        }

        return text.ToString().TrimEnd();
    }

    private string SetState(string target, string state)
    {
        if (Find(target) is not { } server)
        {
            return ErrorPrefix + $"no server '{target}' (expected BACKEND/SERVER)";
        }

        ServerAdminState? admin = state switch { "ready" => ServerAdminState.Ready, "drain" => ServerAdminState.Drain, "maint" => ServerAdminState.Maint, _ => null };
        if (admin is null)
        {
            return ErrorPrefix + $"'set server' expects state ready, drain or maint (got '{state}')";
        }

        server.State.SetOperatorAdmin(admin.Value);
        return $"{target}: {state}";
    }

    private string SetWeight(string target, string weight)
    {
        if (Find(target) is not { } server)
        {
            return ErrorPrefix + $"no server '{target}' (expected BACKEND/SERVER)";
        }

        if (!int.TryParse(weight, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value > 256)
        {
            return ErrorPrefix + $"'set server weight' expects a number from 0 to 256 (got '{weight}')";
        }

        // Like HAProxy's runtime API: in force until the next reload resets it to the configured weight.
        server.State.Reconfigure(value, server.State.ConfiguredMaxConn);
        return $"{target}: weight {value}";
    }

    private ServerModel? Find(string target)
    {
        var slash = target.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 && _engine.Backends.TryGetValue(target[..slash], out var backend) ? backend.FindServer(target[(slash + 1)..]) : null;
    }

    private static string StateOf(ServerModel server) =>
        server.State.Admin == ServerAdminState.Maint ? "MAINT"
        : server.State.Health == ServerHealth.Down ? "DOWN"
        : server.State.Admin == ServerAdminState.Drain ? "DRAIN"
        : "UP";
}
