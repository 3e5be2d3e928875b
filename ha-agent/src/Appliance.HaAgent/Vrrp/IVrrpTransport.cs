using Appliance.HaAgent.Net;

namespace Appliance.HaAgent.Vrrp;

/// <summary>
/// The seam to the network for adverts: a raw IPPROTO_VRRP (112) socket bound to the instance's interface, sending
/// with TTL 255 (RFC 5798 §5.1.1.3) to 224.0.0.18 or to each unicast peer. The driver encodes each message
/// (<see cref="VrrpPacket"/>, <see cref="VrrpAuthenticator"/>) with the checksum for its destination; the kernel adds
/// the IPv4 header on send. On receive, Linux raw sockets deliver the IPv4 header too, which
/// <see cref="VrrpReceiveFilter"/> checks (TTL, protocol, checksum). Sends must not wait behind proxy work (DESIGN).
/// </summary>
public interface IVrrpTransport : IAsyncDisposable
{
    /// <summary>The source address adverts leave with: <c>unicast_src_ip</c> or the interface's primary address.</summary>
    Ipv4Address LocalAddress { get; }

    /// <summary>Sends one complete VRRP message (checksum written for <paramref name="destination"/>).</summary>
    ValueTask SendAsync(ReadOnlyMemory<byte> vrrpMessage, Ipv4Address destination, CancellationToken cancellationToken);

    /// <summary>Receives one IPv4 packet, header included, into <paramref name="buffer"/>; returns its length.</summary>
    ValueTask<int> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken);
}
