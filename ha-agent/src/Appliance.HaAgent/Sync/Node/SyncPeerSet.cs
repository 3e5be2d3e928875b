using Appliance.HaAgent.Configuration;
using Appliance.HaAgent.Sync.Status;

namespace Appliance.HaAgent.Sync.Node;

/// <summary>
/// A node's peers: the configured ones (<c>sync_peer</c>, fixed) and the discovered ones (added, moved and removed at
/// run time). Copy-on-write: <see cref="Links"/> is an immutable snapshot that replication, configuration commits,
/// status and metrics read without a lock while a change builds the next one under the set's lock. A configured peer
/// always wins over a discovered one of the same name, and the node's own name is never a peer. The set only decides
/// and swaps links; the node starts and ends streams for what a change returns.
/// </summary>
internal sealed class SyncPeerSet
{
    private readonly object _gate = new();
    private readonly string _self;
    private readonly Func<SyncPeerConfig, PeerSource, PeerLink> _create;
    private Snapshot _now;

    /// <summary>The set of <paramref name="self"/> with its configured peers; <paramref name="create"/> opens a link.</summary>
    public SyncPeerSet(string self, IReadOnlyList<SyncPeerConfig> configured, Func<SyncPeerConfig, PeerSource, PeerLink> create)
    {
        _self = self;
        _create = create;
        _now = new Snapshot([.. configured.Select(p => create(p, PeerSource.Configured))]);
    }

    /// <summary>Every peer now, configured first then discovered in the order they came; a snapshot, safe from any thread.</summary>
    public IReadOnlyList<PeerLink> Links => Volatile.Read(ref _now).Links;

    /// <summary>The names and endpoints of <see cref="Links"/> (made once per change: the liveness watch reads it every 50 ms).</summary>
    public IReadOnlyList<SyncPeerConfig> Configs => Volatile.Read(ref _now).Configs;

    /// <summary>The peer named <paramref name="name"/> now; null when none.</summary>
    public PeerLink? Find(string name) => Array.Find(Volatile.Read(ref _now).Links, l => l.Name == name);

    /// <summary>
    /// Adds a discovered peer, or moves a discovered peer whose endpoint changed (a new link replaces the old one).
    /// Returns what happened, the link that joined (null when none) and the one that left (null when none).
    /// </summary>
    public (PeerSetChange Change, PeerLink? Added, PeerLink? Removed) AddOrUpdate(SyncPeerConfig peer)
    {
        ArgumentNullException.ThrowIfNull(peer);
        if (peer.Name == _self)
        {
            return (PeerSetChange.Self, null, null);
        }

        lock (_gate)
        {
            var links = _now.Links;
            var index = Array.FindIndex(links, l => l.Name == peer.Name);
            if (index < 0)
            {
                var added = _create(peer, PeerSource.Discovered);
                Volatile.Write(ref _now, new Snapshot([.. links, added]));
                return (PeerSetChange.Added, added, null);
            }

            var known = links[index];
            if (known.Source == PeerSource.Configured)
            {
                return (PeerSetChange.Configured, null, null);
            }

            if (known.Config.EndPoint.Equals(peer.EndPoint))
            {
                return (PeerSetChange.Unchanged, null, null);
            }

            var moved = _create(peer, PeerSource.Discovered);
            var next = (PeerLink[])links.Clone();
            next[index] = moved;
            Volatile.Write(ref _now, new Snapshot(next));
            return (PeerSetChange.Updated, moved, known);
        }
    }

    /// <summary>Removes the discovered peer <paramref name="name"/>; a configured peer stays (<see cref="PeerSetChange.Configured"/>).</summary>
    public (PeerSetChange Change, PeerLink? Removed) Remove(string name)
    {
        lock (_gate)
        {
            var links = _now.Links;
            var index = Array.FindIndex(links, l => l.Name == name);
            if (index < 0)
            {
                return (PeerSetChange.NotFound, null);
            }

            var known = links[index];
            if (known.Source == PeerSource.Configured)
            {
                return (PeerSetChange.Configured, null);
            }

            Volatile.Write(ref _now, new Snapshot([.. links.Where((_, i) => i != index)]));
            return (PeerSetChange.Removed, known);
        }
    }

    /// <summary>One immutable state of the set: the links and their configurations, swapped together.</summary>
    private sealed class Snapshot(PeerLink[] links)
    {
        public PeerLink[] Links { get; } = links;

        public SyncPeerConfig[] Configs { get; } = [.. links.Select(l => l.Config)];
    }
}
