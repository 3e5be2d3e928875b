using Appliance.HaAgent.Net;

namespace Appliance.HaAgent.Arp;

/// <summary>
/// The seam to the link layer (an AF_PACKET socket behind it). Sends one gratuitous ARP; bursts, their spacing
/// (<c>garp_interval</c>), the second burst (<c>garp_master_delay</c>) and refresh are the driver's schedule, so the
/// implementation stays a single frame write. The frame is an ARP request announcing <paramref name="address"/> with
/// sender and target protocol address equal (RFC 5227 §3 "ARP Announcement"), broadcast from the device's MAC.
/// </summary>
public interface IGarpSender
{
    /// <summary>Sends one gratuitous ARP for <paramref name="address"/> out of <paramref name="device"/>.</summary>
    ValueTask SendAsync(string device, Ipv4Address address, CancellationToken cancellationToken);
}
