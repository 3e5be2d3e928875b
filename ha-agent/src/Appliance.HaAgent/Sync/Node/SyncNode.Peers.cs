using Appliance.Contracts;
using Appliance.HaAgent.Configuration;
using Appliance.HaAgent.Sync.Client;
using Appliance.HaAgent.Sync.Replication;
using Appliance.HaAgent.Sync.Status;

namespace Appliance.HaAgent.Sync.Node;

/// <summary>
/// The dynamic peer set: peers found by discovery join, move and leave while the node runs (docs/sync.md "Discovered
/// peers"). A peer that joins gets a link at once: pulls, cluster status, configuration commits and takeover calls
/// include it from the next call on, and while this node is master a replication stream to it starts. A peer that
/// leaves has its stream ended and its connection closed. Authentication is unchanged: a discovered peer is dialled
/// and served with the same mutual TLS or pre-shared key as a configured one.
/// </summary>
public sealed partial class SyncNode
{
    /// <summary>Every peer now (configured and discovered) with its endpoint; a snapshot, safe from any thread.</summary>
    public IReadOnlyList<SyncPeerConfig> Peers => _peerSet.Configs;

    /// <summary>How many peers the node has now (configured and discovered).</summary>
    public int PeerCount => _peerSet.Links.Count;

    /// <summary>Where the peer <paramref name="name"/> came from; null when it is not a peer now.</summary>
    public PeerSource? SourceOf(string name) => _peerSet.Find(name)?.Source;

    /// <summary>
    /// Adds a discovered peer, or moves a known discovered peer to a new endpoint (its stream is redialled there, with a
    /// snapshot). A <c>sync_peer</c> of the same name wins (<see cref="PeerSetChange.Configured"/>); this node's own name
    /// is refused (<see cref="PeerSetChange.Self"/>). Cheap and non-blocking: call it from the discovery event handler.
    /// </summary>
    public PeerSetChange AddOrUpdatePeer(SyncPeerConfig peer)
    {
        ArgumentNullException.ThrowIfNull(peer);
        lock (_roleGate)
        {
            if (Volatile.Read(ref _stopped) != 0)
            {
                return PeerSetChange.Unchanged;
            }

            var (change, added, removed) = _peerSet.AddOrUpdate(peer);
            if (removed is not null)
            {
                Retire(removed);
            }

            if (added is not null && _role == HaRole.Master && _mastership is { } mastership)
            {
                StartStream(added, mastership.Token);
            }

            LogChange(change, peer, removed);
            return change;
        }
    }

    /// <summary>
    /// Removes the discovered peer <paramref name="name"/>: its stream ends and its connection closes. A configured peer
    /// is never removed (<see cref="PeerSetChange.Configured"/>).
    /// </summary>
    public PeerSetChange RemovePeer(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        lock (_roleGate)
        {
            if (Volatile.Read(ref _stopped) != 0)
            {
                return PeerSetChange.NotFound;
            }

            var (change, removed) = _peerSet.Remove(name);
            if (removed is not null)
            {
                Retire(removed);
                SyncLog.PeerRemoved(_logger, removed.Name, removed.Config.EndPoint.ToString());
            }

            return change;
        }
    }

    /// <summary>
    /// True while the sync connection with <paramref name="name"/> is demonstrably alive: as master, its replication
    /// stream is open and acknowledged within <see cref="SyncNodeOptions.PeerTimeout"/>; as backup, it is the master
    /// whose stream this node applies now.
    /// </summary>
    public bool IsPeerConnected(string name)
    {
        if (_peerSet.Find(name) is { } link && link.State.IsStreaming
            && _time.GetElapsedTime(link.State.LastAckTimestamp) <= _options.PeerTimeout)
        {
            return true;
        }

        return _backup.Status is { Connected: true } upstream && upstream.Master == name;
    }

    private PeerLink CreateLink(SyncPeerConfig peer, PeerSource source) => new(
        peer,
        source,
        new GrpcChannel(new GrpcChannelOptions { EndPoint = peer.EndPoint, Security = _options.Security, ServerName = peer.Name }, _options.LoggerFactory, _time),
        new PeerReplicationState(peer.Name, peer.EndPoint, _options.LagWindow, _time));

    /// <summary>Starts the master's loop to <paramref name="peer"/> until mastership ends or the peer leaves. Under <see cref="_roleGate"/>.</summary>
    private void StartStream(PeerLink peer, CancellationToken mastership)
    {
        var stream = Task.Run(
            async () =>
            {
                using var scope = CancellationTokenSource.CreateLinkedTokenSource(mastership, peer.ClosedToken);
                await RunPeerAsync(peer, scope.Token).ConfigureAwait(false);
            },
            CancellationToken.None);
        peer.Stream = stream;
        _streams.Add(stream);
    }

    /// <summary>Ends a departed peer's stream and disposes its link once the stream is over. Under <see cref="_roleGate"/>.</summary>
    private void Retire(PeerLink peer)
    {
        peer.Close();
        var stream = peer.Stream;
        _streams.Add(Task.Run(
            async () =>
            {
                try
                {
                    await IgnoreCancellation([stream]).ConfigureAwait(false);
                }
                finally
                {
                    peer.Dispose();
                }
            },
            CancellationToken.None));
    }

    private void LogChange(PeerSetChange change, SyncPeerConfig peer, PeerLink? removed)
    {
        switch (change)
        {
            case PeerSetChange.Added:
                SyncLog.PeerAdded(_logger, peer.Name, peer.EndPoint.ToString());
                break;
            case PeerSetChange.Updated:
                SyncLog.PeerMoved(_logger, peer.Name, removed!.Config.EndPoint.ToString(), peer.EndPoint.ToString());
                break;
            case PeerSetChange.Configured:
                SyncLog.PeerConfiguredWins(_logger, peer.Name, peer.EndPoint.ToString(), _peerSet.Find(peer.Name)?.Config.EndPoint.ToString() ?? "?");
                break;
            default:
                // Unchanged and Self: nothing worth a line (discovery repeats itself).
                break;
        }
    }
}
