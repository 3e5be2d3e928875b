using Appliance.HaAgent.Configuration;
using Appliance.HaAgent.Discovery;
using Appliance.HaAgent.Sync.Node;
using Appliance.HaAgent.Sync.Replication;
using Appliance.HaAgent.Sync.Status;
using Microsoft.Extensions.Logging;

namespace Appliance.Host.Sync;

/// <summary>
/// Makes the nodes that peer discovery finds real sync peers (docs/ha.md "Peer discovery", docs/sync.md "Discovered
/// peers"): <see cref="DiscoveryService.PeerFound"/> and <see cref="DiscoveryService.PeerUpdated"/> add or move the peer
/// in the <see cref="SyncNode"/> (only peers of this cluster, other than this node, with an address and a sync port;
/// a <c>sync_peer</c> of the same name wins), <see cref="DiscoveryService.PeerLost"/> removes it after
/// <see cref="DiscoveredPeerGrace"/>'s grace unless it comes back or its stream is alive. The thin loop around the
/// grace: the discovery events and a timer task, serialized by one lock. Authentication is the node's: a discovered
/// peer still has to pass the cluster's mutual TLS or pre-shared key on every call.
/// </summary>
internal sealed class DiscoverySyncFeed : IAsyncDisposable
{
    /// <summary>
    /// 10 s: a stopped node is reported lost about 1 s after its goodbye (RFC 6762 §10.1) and a restarting one announces
    /// again within seconds (probing 0.75 s, initial pull at most 5 s); a node that crashed without a goodbye is only
    /// reported lost at its records' 120 s TTL, long after its stream ended, so the grace adds little there. Short enough
    /// that a departed peer stops blocking configuration commits and switchover drains soon.
    /// </summary>
    public static readonly TimeSpan DefaultGrace = TimeSpan.FromSeconds(10);

    private readonly object _gate = new();
    private readonly SyncNode _node;
    private readonly DiscoveryService _discovery;
    private readonly string _clusterId;
    private readonly DiscoveredPeerGrace _grace;
    private readonly TimeProvider _time;
    private readonly long _origin;
    private readonly ILogger _logger;
    private readonly AsyncSignal _wake = new();
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;

    public DiscoverySyncFeed(SyncNode node, DiscoveryService discovery, string clusterId, TimeSpan grace, TimeProvider time, ILogger logger)
    {
        _node = node;
        _discovery = discovery;
        _clusterId = clusterId;
        _grace = new DiscoveredPeerGrace(grace);
        _time = time;
        _origin = time.GetTimestamp();
        _logger = logger;
    }

    /// <summary>
    /// Subscribes, then takes the peers discovery already knows; discovered sync peers that discovery does not know
    /// (found by an earlier discovery service, before an <c>ha</c> reload) start their grace now.
    /// </summary>
    public void Start()
    {
        _discovery.PeerFound += OnFound;
        _discovery.PeerUpdated += OnFound;
        _discovery.PeerLost += OnLost;
        var known = _discovery.Peers;
        foreach (var peer in known)
        {
            OnFound(_discovery, peer);
        }

        lock (_gate)
        {
            var discovered = _node.Peers.Select(p => p.Name).Where(n => _node.SourceOf(n) == PeerSource.Discovered);
            foreach (var name in discovered.Where(n => known.All(k => k.NodeName != n)))
            {
                Schedule(name);
            }
        }

        _loop = Task.Run(() => RunAsync(_stop.Token));
    }

    /// <summary>Unsubscribes and stops the timer; the peers stay in the node (a new feed, or the node's stop, takes over).</summary>
    public async ValueTask DisposeAsync()
    {
        _discovery.PeerFound -= OnFound;
        _discovery.PeerUpdated -= OnFound;
        _discovery.PeerLost -= OnLost;
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        _stop.Dispose();
    }

    /// <summary>True for a peer that can be a sync peer of this node: same cluster, not this node, an address and a sync port.</summary>
    internal static bool Accepts(DiscoveryPeer peer, string clusterId, string self) =>
        peer.ClusterId == clusterId && peer.NodeName != self && peer.Addresses.Count > 0 && peer.SyncPort is > 0 and <= 65535;

    private TimeSpan Now() => _time.GetElapsedTime(_origin);

    private void OnFound(object? sender, DiscoveryPeer peer)
    {
        if (!Accepts(peer, _clusterId, _node.NodeName))
        {
            SyncLog.DiscoveredSkipped(_logger, peer.ToString());
            return;
        }

        lock (_gate)
        {
            if (_grace.Found(peer.NodeName))
            {
                SyncLog.DiscoveredBack(_logger, peer.NodeName);
            }

            _node.AddOrUpdatePeer(new SyncPeerConfig(peer.NodeName, peer.SyncEndPoint));
        }
    }

    private void OnLost(object? sender, DiscoveryPeer peer)
    {
        // Another instance may carry the same node name (a rename after a conflict): follow it rather than drop the name.
        if (_discovery.Peers.FirstOrDefault(p => p.NodeName == peer.NodeName && Accepts(p, _clusterId, _node.NodeName)) is { } other)
        {
            OnFound(sender, other);
            return;
        }

        lock (_gate)
        {
            if (_node.SourceOf(peer.NodeName) == PeerSource.Discovered)
            {
                Schedule(peer.NodeName);
            }
        }
    }

    /// <summary>Under <see cref="_gate"/>.</summary>
    private void Schedule(string name)
    {
        var due = _grace.Lost(name, Now());
        SyncLog.DiscoveredLost(_logger, name, (long)Math.Ceiling(Math.Max(0, (due - Now()).TotalSeconds)));
        _wake.Pulse();
    }

    private async Task RunAsync(CancellationToken token)
    {
        while (!token.IsCancellationRequested)
        {
            var wake = _wake.Next;
            TimeSpan? wait;
            lock (_gate)
            {
                foreach (var name in _grace.Due(Now(), KeepIfConnected))
                {
                    _node.RemovePeer(name);
                }

                wait = _grace.NextDeadline - Now();
            }

            var delay = wait is { } w ? (w > TimeSpan.Zero ? w : TimeSpan.Zero) : Timeout.InfiniteTimeSpan;
            using var round = CancellationTokenSource.CreateLinkedTokenSource(token);
            await Task.WhenAny(wake, Task.Delay(delay, _time, round.Token)).ConfigureAwait(false);
            await round.CancelAsync().ConfigureAwait(false);
            token.ThrowIfCancellationRequested();
        }
    }

    private bool KeepIfConnected(string name)
    {
        if (!_node.IsPeerConnected(name))
        {
            return false;
        }

        SyncLog.DiscoveredKept(_logger, name, (long)_grace.Grace.TotalSeconds);
        return true;
    }
}
