using System.Net;
using Appliance.HaAgent.Configuration;
using Appliance.HaAgent.Net;

namespace Appliance.HaAgent.Liveness;

/// <summary>
/// The pure decision of the fast takeover (docs/ha.md "Fast takeover when the master process dies"). A backup holds a
/// TCP connection to its master's sync peer endpoint (a <c>sync_peer</c> line or a discovered peer); a connection that ends is a sign of loss and triggers one
/// probe, and only a refused probe on a port this watch has seen accept a connection for the same master means the
/// process is gone. A port never seen open proves nothing (nothing may listen there at all), a timeout proves nothing
/// (host dead or partitioned: the normal Master_Down_Timer decides), an accepted probe means alive. One report per
/// proof: after a report the port must accept again before another. Not thread-safe: the monitor's loop owns it.
/// <para>
/// A killed process's file descriptors are closed one by one: its kernel may end this backup's connection while the
/// listening socket still accepts for a few milliseconds, so a probe at once can be accepted (into the backlog of a
/// listener about to close) and reset a moment later. The monitor therefore holds an accepted probe as its connection
/// and probes again when that one ends; a refused reconnect on a proven port is the same proof as a refused probe.
/// Only repeated quick closes (a live server that closes every connection at once) pause before the next probe.
/// </para>
/// </summary>
public sealed class MasterProcessWatch
{
    /// <summary>A held connection that ends sooner than this after it opened counts as a quick close.</summary>
    public static readonly TimeSpan QuickClose = TimeSpan.FromMilliseconds(50);

    private Func<IReadOnlyList<SyncPeerConfig>> _peers;
    private int _quickCloses;

    /// <summary>Creates a watch over the configured sync peers.</summary>
    public MasterProcessWatch(IReadOnlyList<SyncPeerConfig> peers)
    {
        ArgumentNullException.ThrowIfNull(peers);
        _peers = () => peers;
    }

    /// <summary>
    /// The sync peers to map a master to: read at every <see cref="Follow"/>, so peers that discovery adds, moves or
    /// removes are followed (the sync node's live set). Settable from any thread.
    /// </summary>
    public Func<IReadOnlyList<SyncPeerConfig>> PeerSource
    {
        get => Volatile.Read(ref _peers);
        set => Volatile.Write(ref _peers, value ?? throw new ArgumentNullException(nameof(value)));
    }

    /// <summary>The master being watched (the VRRP source address of its adverts); null = none.</summary>
    public Ipv4Address? Master { get; private set; }

    /// <summary>The master's <c>sync_peer</c> endpoint; null when there is no master or no peer has its address.</summary>
    public IPEndPoint? Target { get; private set; }

    /// <summary>
    /// True when the peer set is the master's peer alone: a two-node cluster, where no other backup competes for the
    /// takeover (so Skew_Time, which orders competing backups, is skipped).
    /// </summary>
    public bool MasterIsOnlyPeer => Target is not null && PeerSource() is { Count: 1 };

    /// <summary>True once a connection to <see cref="Target"/> succeeded for the current master.</summary>
    public bool Proven { get; private set; }

    /// <summary>
    /// Follows the driver's current master. Maps it to the sync peer whose address is the master's (IPv4, or
    /// IPv4-mapped IPv6) in the peer set now; a different master (or none), or a different endpoint for the same master
    /// (a discovered peer that appeared, moved or left), resets the proof. Returns <see cref="Target"/>.
    /// </summary>
    public IPEndPoint? Follow(Ipv4Address? master)
    {
        var target = master is { } address ? FindPeer(address) : null;
        if (master == Master && Equals(target, Target))
        {
            return Target;
        }

        Master = master;
        Proven = false;
        _quickCloses = 0;
        Target = target;
        return Target;
    }

    /// <summary>A connection to <see cref="Target"/> was established: the master's process listens there.</summary>
    public void Connected()
    {
        if (Target is not null)
        {
            Proven = true;
        }
    }

    /// <summary>
    /// The held connection ended (the peer closed it or reset it) <paramref name="heldFor"/> after it opened: probe if
    /// the port was proven open, at once unless this is the second quick close in a row (then pause first, so a server
    /// that closes every connection at once is not probed in a spin).
    /// </summary>
    public WatchStep ConnectionEnded(TimeSpan heldFor)
    {
        if (!Proven)
        {
            return WatchStep.Nothing;
        }

        _quickCloses = heldFor < QuickClose ? _quickCloses + 1 : 0;
        return _quickCloses >= 2 ? WatchStep.PauseThenProbe : WatchStep.Probe;
    }

    /// <summary>
    /// The outcome of a probe or of a reconnect: refused on a proven port reports the process gone (once); anything else,
    /// nothing (after <see cref="ProbeOutcome.Accepted"/> the monitor holds the new connection).
    /// </summary>
    public WatchStep ProbeFinished(ProbeOutcome outcome)
    {
        if (outcome != ProbeOutcome.Refused || !Proven)
        {
            return WatchStep.Nothing;
        }

        Proven = false;
        return WatchStep.ReportGone;
    }

    private IPEndPoint? FindPeer(Ipv4Address master)
    {
        foreach (var peer in PeerSource())
        {
            var address = peer.EndPoint.Address.IsIPv4MappedToIPv6 ? peer.EndPoint.Address.MapToIPv4() : peer.EndPoint.Address;
            if (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && address.Equals(master.ToIPAddress()))
            {
                return peer.EndPoint;
            }
        }

        return null;
    }
}
