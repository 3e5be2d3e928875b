using Appliance.HaAgent.Net;

namespace Appliance.HaAgent.Vrrp;

/// <summary>
/// The receive path of one virtual router, pure: a raw IPv4 packet in, a state-machine input or a drop reason out,
/// with a counter per drop reason. Order of checks: IPv4 header (TTL 255, protocol 112, checksum), VRRP message
/// (RFC 5798 §7.1), VRID, then authentication (MAC before the replay check, so only genuine counters are recorded).
/// Not thread-safe: the receive loop owns it.
/// </summary>
public sealed class VrrpReceiveFilter
{
    private readonly byte _virtualRouterId;
    private readonly VrrpAuthenticator? _authenticator;
    private readonly VrrpReplayGuard _replayGuard = new();
    private IReadOnlySet<Ipv4Address>? _allowedSources;
    private readonly long[] _drops = new long[Enum.GetValues<VrrpDropReason>().Length];

    /// <summary>
    /// Filters for <paramref name="virtualRouterId"/>; with an authenticator every advert must carry a valid trailer;
    /// with <paramref name="allowedSources"/> (unicast mode) only those senders are accepted.
    /// </summary>
    public VrrpReceiveFilter(byte virtualRouterId, VrrpAuthenticator? authenticator, IReadOnlySet<Ipv4Address>? allowedSources = null)
    {
        _virtualRouterId = virtualRouterId;
        _authenticator = authenticator;
        _allowedSources = allowedSources;
    }

    /// <summary>
    /// Unicast mode: the only senders accepted (the <c>unicast_peer</c> list); null = any (multicast). A reload replaces
    /// the set from another thread; the receive loop reads the reference once per packet.
    /// </summary>
    public IReadOnlySet<Ipv4Address>? AllowedSources
    {
        get => Volatile.Read(ref _allowedSources);
        set => Volatile.Write(ref _allowedSources, value);
    }

    /// <summary>Adverts accepted so far.</summary>
    public long Accepted { get; private set; }

    /// <summary>Packets dropped so far for <paramref name="reason"/>.</summary>
    public long DropCount(VrrpDropReason reason) => Volatile.Read(ref _drops[(int)reason]);

    /// <summary>Checks one packet as a raw socket delivers it (IPv4 header first).</summary>
    public bool TryAccept(ReadOnlySpan<byte> ipPacket, out ReceivedAdvert advert, out VrrpDropReason reason)
    {
        advert = default;
        if (!Ipv4Header.TryParse(ipPacket, out var header, out reason)
            || !IsAllowedSource(header.Source, out reason)
            || !VrrpPacket.TryParse(header.Payload(ipPacket), header.Source, header.Destination, out var packet, out reason)
            || !TryCheckPacket(packet, header, out reason))
        {
            _drops[(int)reason]++;
            return false;
        }

        Accepted++;
        advert = packet.ToReceivedAdvert(header.Source);
        return true;
    }

    private bool IsAllowedSource(Ipv4Address source, out VrrpDropReason reason)
    {
        // Unicast mode accepts only the configured peers, so a stray router on the segment cannot join the election.
        reason = VrrpDropReason.NotAPeer;
        var allowed = AllowedSources;
        return allowed is null || allowed.Contains(source);
    }

    private bool TryCheckPacket(VrrpPacketView packet, Ipv4Header header, out VrrpDropReason reason)
    {
        if (packet.VirtualRouterId != _virtualRouterId)
        {
            reason = VrrpDropReason.VridMismatch;
            return false;
        }

        if (_authenticator is null)
        {
            if (!packet.Trailer.IsEmpty)
            {
                reason = VrrpDropReason.UnexpectedAuthTrailer;
                return false;
            }
        }
        else
        {
            if (!_authenticator.TryVerify(packet, header.Source, header.Destination, out var counter, out reason))
            {
                return false;
            }

            if (!_replayGuard.TryAccept(header.Source, counter))
            {
                reason = VrrpDropReason.Replayed;
                return false;
            }
        }

        reason = default;
        return true;
    }
}
