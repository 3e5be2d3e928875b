using System.Net;
using Appliance.Contracts;
using Appliance.HaAgent.Sync.ConfigSync;
using Appliance.HaAgent.Sync.Status;

namespace Appliance.HaAgent.Sync.Node;

/// <summary>
/// The state sync of one node (docs/sync.md): serves the <c>appliance.sync.v1.Sync</c> service, pulls its peers'
/// state at start, streams stick-table and server-health changes to every peer while master, applies a master's
/// stream while backup, and coordinates configuration changes (two-phase commit) and planned switchovers.
/// The host creates one, starts it, and tells it every role change.
/// </summary>
public sealed partial class SyncNode : IAsyncDisposable
{
    private readonly SyncNodeOptions _options;

    /// <summary>Prepares the node; nothing listens or dials until <see cref="StartAsync"/>.</summary>
    public SyncNode(SyncNodeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    /// <summary>This node's name.</summary>
    public string NodeName => _options.NodeName;

    /// <summary>The bound sync endpoint (the real port when the options asked for port 0).</summary>
    /// <exception cref="InvalidOperationException">Before <see cref="StartAsync"/>.</exception>
    public IPEndPoint EndPoint => throw new NotImplementedException();

    /// <summary>The role the host last set; <see cref="HaRole.Initialize"/> until then.</summary>
    public HaRole Role => throw new NotImplementedException();

    /// <summary>
    /// True once the initial pull has ended (loaded, no peers, or timed out). Until then the node publishes nothing as
    /// master; the host should delay preempting or serving as master until this is true (see <see cref="WaitForInitialSyncAsync"/>).
    /// </summary>
    public bool InitialSyncDone => throw new NotImplementedException();

    /// <summary>How the initial pull ended (<see cref="InitialSyncOutcome.Pending"/> while it runs).</summary>
    public InitialSyncOutcome InitialSyncOutcome => throw new NotImplementedException();

    /// <summary>Starts listening, subscribes to the replicas and begins the initial pull (which runs on in the background).</summary>
    public Task StartAsync(CancellationToken cancellationToken = default) => throw new NotImplementedException();

    /// <summary>Stops every stream and the server; unsubscribes from the replicas.</summary>
    public Task StopAsync() => throw new NotImplementedException();

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    /// <summary>
    /// Tells the node its role. Becoming master starts a new epoch (higher than any seen) and streams to every peer;
    /// leaving master closes those streams. Cheap and non-blocking: call it from the role event handler.
    /// </summary>
    public void SetRole(HaRole role) => throw new NotImplementedException();

    /// <summary>Completes when the initial pull has ended (at most <see cref="SyncNodeOptions.InitialSyncTimeout"/> after start).</summary>
    public Task<InitialSyncOutcome> WaitForInitialSyncAsync(CancellationToken cancellationToken = default) => throw new NotImplementedException();

    /// <summary>This node's sync state now (cheap: no calls to peers).</summary>
    public SyncStatus GetStatus() => throw new NotImplementedException();

    /// <summary>Asks every peer for its own report (in parallel, each within <paramref name="timeout"/>) and computes drift.</summary>
    public Task<ClusterSyncStatus> GetClusterStatusAsync(TimeSpan timeout, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    /// <summary>
    /// Proposes <paramref name="sharedText"/> to every node (two-phase commit, docs/sync.md): version = the highest
    /// running version among the nodes + 1; Prepare everywhere (this node included); Commit everywhere only if all
    /// accepted, else Abort everywhere. Never throws for a refusal: the result names each node and why.
    /// </summary>
    public Task<ConfigSyncResult> ProposeConfigAsync(string sharedText, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    /// <summary>
    /// Planned switchover, step one: completes with true once every connected peer has acknowledged every local change
    /// sequenced so far (lag 0), false when <paramref name="timeout"/> passes first (or this node is not master).
    /// </summary>
    public Task<bool> WaitForPeersCaughtUpAsync(TimeSpan timeout, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    /// <summary>Planned switchover, step two: asks <paramref name="peerName"/> to take over (its <see cref="ITakeoverHandler"/>).</summary>
    public Task<TakeoverResult> RequestTakeoverAsync(string peerName, TimeSpan timeout, CancellationToken cancellationToken = default) => throw new NotImplementedException();
}
