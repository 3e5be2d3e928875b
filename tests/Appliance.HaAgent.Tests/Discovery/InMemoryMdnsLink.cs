using System.Net;
using System.Threading.Channels;
using Appliance.HaAgent.Discovery;

namespace Appliance.HaAgent.Tests.Discovery;

/// <summary>
/// A link in memory: a multicast datagram reaches every attached transport, the sender's own included (as multicast
/// loopback does); a unicast one reaches the transport with that address. Every datagram is recorded.
/// </summary>
internal sealed class InMemoryMdnsLink
{
    private readonly List<Endpoint> _endpoints = [];

    public List<(IPAddress From, IPEndPoint To, byte[] Bytes)> Sent { get; } = [];

    public IMdnsTransport Attach(string address)
    {
        var endpoint = new Endpoint(this, IPAddress.Parse(address));
        lock (_endpoints)
        {
            _endpoints.Add(endpoint);
        }

        return endpoint;
    }

    private void Deliver(IPAddress from, IPEndPoint to, byte[] bytes)
    {
        Endpoint[] targets;
        lock (_endpoints)
        {
            Sent.Add((from, to, bytes));
            targets = [.. _endpoints.Where(e => !e.Closed && (to.Equals(MdnsConstants.Ipv4EndPoint) || e.Address.Equals(to.Address)))];
        }

        foreach (var target in targets)
        {
            target.Inbox.Writer.TryWrite((bytes, new IPEndPoint(from, MdnsConstants.Port)));
        }
    }

    private sealed class Endpoint(InMemoryMdnsLink link, IPAddress address) : IMdnsTransport
    {
        public Channel<(byte[] Bytes, IPEndPoint Source)> Inbox { get; } = Channel.CreateUnbounded<(byte[], IPEndPoint)>();

        public IPAddress Address { get; } = address;

        public bool Closed { get; private set; }

        public IReadOnlyList<(IPAddress Address, int PrefixLength)> LocalAddresses => [(Address, 24)];

        public ValueTask SendAsync(ReadOnlyMemory<byte> datagram, IPEndPoint destination, CancellationToken cancellationToken)
        {
            link.Deliver(Address, destination, datagram.ToArray());
            return ValueTask.CompletedTask;
        }

        public async ValueTask<MdnsDatagram> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken)
        {
            var (bytes, source) = await Inbox.Reader.ReadAsync(cancellationToken);
            bytes.CopyTo(buffer);
            return new MdnsDatagram(bytes.Length, source);
        }

        public ValueTask DisposeAsync()
        {
            Closed = true;
            return ValueTask.CompletedTask;
        }
    }
}
