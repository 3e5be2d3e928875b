using System.Threading.Channels;
using Appliance.HaAgent.Arp;
using Appliance.HaAgent.Net;
using Appliance.HaAgent.Tracking;
using Appliance.HaAgent.Vrrp;
using Appliance.Tests.Common;

namespace Appliance.HaAgent.Tests.Driver;

/// <summary>A transport that records what the driver sends and delivers packets the test injects.</summary>
internal sealed class FakeTransport(Ipv4Address local) : IVrrpTransport
{
    private readonly Channel<byte[]> _inbound = Channel.CreateUnbounded<byte[]>();
    private readonly List<(byte[] Message, Ipv4Address Destination)> _sent = [];

    public Ipv4Address LocalAddress { get; } = local;

    public IReadOnlyList<(byte[] Message, Ipv4Address Destination)> Sent
    {
        get
        {
            lock (_sent)
            {
                return [.. _sent];
            }
        }
    }

    /// <summary>The priorities of the adverts sent so far, in order.</summary>
    public IReadOnlyList<byte> SentPriorities => [.. Sent.Select(s => s.Message[2])];

    public ValueTask SendAsync(ReadOnlyMemory<byte> vrrpMessage, Ipv4Address destination, CancellationToken cancellationToken)
    {
        lock (_sent)
        {
            _sent.Add((vrrpMessage.ToArray(), destination));
        }

        return ValueTask.CompletedTask;
    }

    public async ValueTask<int> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var packet = await _inbound.Reader.ReadAsync(cancellationToken);
        packet.CopyTo(buffer);
        return packet.Length;
    }

    /// <summary>Delivers an advert from <paramref name="source"/> as a raw socket would (IPv4 header first).</summary>
    public void Inject(Ipv4Address source, byte vrid, byte priority, Ipv4Address destination, int intervalCs = 100)
    {
        var advert = new VrrpAdvertisement(vrid, priority, intervalCs, [DriverHarness.Vip.Address]);
        var packet = new byte[Ipv4Header.MinimumLength + VrrpPacket.GetLength(1)];
        var length = VrrpPacket.Encode(packet.AsSpan(Ipv4Header.MinimumLength), advert, source, destination);
        Ipv4Header.Write(packet, source, destination, length, 1);
        _inbound.Writer.TryWrite(packet);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

/// <summary>Records VIP changes in order, with the fake clock's time.</summary>
internal sealed class FakeVipManager(FakeTimeProvider clock) : IVipManager
{
    private readonly List<string> _calls = [];

    public IReadOnlyList<string> Calls
    {
        get
        {
            lock (_calls)
            {
                return [.. _calls];
            }
        }
    }

    public Task AddAsync(IReadOnlyList<InterfaceAddress> addresses, CancellationToken cancellationToken) => Record("add", addresses);

    public Task RemoveAsync(IReadOnlyList<InterfaceAddress> addresses, CancellationToken cancellationToken) => Record("remove", addresses);

    public Task<Ipv4Address?> GetPrimaryAddressAsync(string device, CancellationToken cancellationToken) =>
        Task.FromResult<Ipv4Address?>(DriverHarness.Local);

    private Task Record(string what, IReadOnlyList<InterfaceAddress> addresses)
    {
        lock (_calls)
        {
            _calls.Add($"{what} {string.Join(",", addresses)} at {clock.GetUtcNow():ss.fff}");
        }

        return Task.CompletedTask;
    }
}

/// <summary>Records GARP frames with the fake clock's elapsed time since the harness started.</summary>
internal sealed class FakeGarpSender(FakeTimeProvider clock, long start) : IGarpSender
{
    private readonly List<(string Device, Ipv4Address Address, TimeSpan At)> _frames = [];

    public IReadOnlyList<(string Device, Ipv4Address Address, TimeSpan At)> Frames
    {
        get
        {
            lock (_frames)
            {
                return [.. _frames];
            }
        }
    }

    public ValueTask SendAsync(string device, Ipv4Address address, CancellationToken cancellationToken)
    {
        lock (_frames)
        {
            _frames.Add((device, address, clock.GetElapsedTime(start)));
        }

        return ValueTask.CompletedTask;
    }
}

/// <summary>A tracker the test fails and heals.</summary>
internal sealed class FakeTracker(string name, int weight) : ITracker
{
    private volatile bool _healthy = true;

    public string Name { get; } = name;

    public int Weight { get; } = weight;

    public bool IsHealthy => _healthy;

    public event EventHandler? HealthChanged;

    public void Set(bool healthy)
    {
        _healthy = healthy;
        HealthChanged?.Invoke(this, EventArgs.Empty);
    }
}
