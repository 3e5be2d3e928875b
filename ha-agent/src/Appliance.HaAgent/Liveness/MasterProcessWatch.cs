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
/// </summary>
public sealed class MasterProcessWatch
{
    private Func<IReadOnlyList<SyncPeerConfig>> _peers;

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

    /// <summary>The held connection ended (the peer closed it or reset it): probe if the port was proven open.</summary>
    public WatchStep ConnectionEnded() => Proven ? WatchStep.Probe : WatchStep.Nothing;

    /// <summary>The probe's outcome: refused on a proven port reports the process gone (once); anything else, nothing.</summary>
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
