using System.Net;

namespace Appliance.HaAgent.Discovery;

/// <summary>The seam between <see cref="DiscoveryService"/> and UDP port 5353 on one interface.</summary>
public interface IMdnsTransport : IAsyncDisposable
{
    /// <summary>The interface's IPv4 addresses with their prefix lengths: the A records, and the on-link check (RFC 6762 §11).</summary>
    IReadOnlyList<(IPAddress Address, int PrefixLength)> LocalAddresses { get; }

    /// <summary>Sends one datagram to the group or one querier.</summary>
    ValueTask SendAsync(ReadOnlyMemory<byte> datagram, IPEndPoint destination, CancellationToken cancellationToken);

    /// <summary>Receives the next datagram that arrived on the interface.</summary>
    ValueTask<MdnsDatagram> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken);
}
