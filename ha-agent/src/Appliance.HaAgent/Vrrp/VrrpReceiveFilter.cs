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
    private readonly long[] _drops = new long[Enum.GetValues<VrrpDropReason>().Length];

    /// <summary>Filters for <paramref name="virtualRouterId"/>; with an authenticator every advert must carry a valid trailer.</summary>
    public VrrpReceiveFilter(byte virtualRouterId, VrrpAuthenticator? authenticator)
    {
        _virtualRouterId = virtualRouterId;
        _authenticator = authenticator;
    }

    /// <summary>Adverts accepted so far.</summary>
    public long Accepted { get; private set; }

    /// <summary>Packets dropped so far for <paramref name="reason"/>.</summary>
    public long DropCount(VrrpDropReason reason) => _drops[(int)reason];

    /// <summary>Checks one packet as a raw socket delivers it (IPv4 header first).</summary>
    public bool TryAccept(ReadOnlySpan<byte> ipPacket, out ReceivedAdvert advert, out VrrpDropReason reason)
    {
        advert = default;
        if (!Ipv4Header.TryParse(ipPacket, out var header, out reason)
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
