using Appliance.HaAgent.Configuration;
using Appliance.HaAgent.Net;

namespace Appliance.HaAgent.Driver;

/// <summary>
/// The gratuitous ARP schedule of one instance, pure (time in, frames out): a burst of <c>garp_master_repeat</c>
/// GARPs per address, a second burst <c>garp_master_delay</c> after becoming master, a burst every
/// <c>garp_master_refresh</c> while master, and a fresh burst whenever the state machine asks (dual-master episodes).
/// Frames on one interface are at least <c>garp_interval</c> apart however bursts overlap (keepalived's per-interface
/// rate limit, vrrp_arp.c), so a burst requested mid-burst restarts the count rather than doubling the rate.
/// Not thread-safe: the driver thread owns it.
/// </summary>
internal sealed class GarpPacer
{
    private GarpConfig _config;
    private DeviceQueue[] _devices;
    private TimeSpan? _secondBurstAt;
    private TimeSpan? _refreshAt;

    public GarpPacer(IReadOnlyList<InterfaceAddress> addresses, GarpConfig config)
    {
        _config = config;
        _devices = [.. addresses.GroupBy(a => a.Device, StringComparer.Ordinal).Select(g => new DeviceQueue([.. g]))];
    }

    /// <summary>The earliest time <see cref="TryTakeDue"/> has a frame or a scheduled burst to start; null when idle.</summary>
    public TimeSpan? NextDeadline
    {
        get
        {
            var next = Earliest(_secondBurstAt, _refreshAt);
            foreach (var device in _devices)
            {
                if (device.Pending > 0)
                {
                    next = Earliest(next, device.NextDue);
                }
            }

            return next;
        }
    }

    /// <summary>
    /// A reload: later bursts cover <paramref name="addresses"/> with <paramref name="config"/>' timing. Nothing is sent
    /// for the change itself (the driver asks for a <see cref="Burst"/> when a master gained addresses); a burst under way
    /// goes on over the new addresses, each interface keeps its rate limit, and a master's refresh is rescheduled from
    /// <paramref name="now"/> when <c>garp_master_refresh</c> changed (<paramref name="isMaster"/>).
    /// </summary>
    public void Reconfigure(IReadOnlyList<InterfaceAddress> addresses, GarpConfig config, TimeSpan now, bool isMaster)
    {
        var previous = _devices.ToDictionary(d => d.Addresses[0].Device, StringComparer.Ordinal);
        _devices = [.. addresses.GroupBy(a => a.Device, StringComparer.Ordinal).Select(g => Carry(previous, [.. g], config.MasterRepeat))];
        if (isMaster && config.MasterRefresh != _config.MasterRefresh)
        {
            _refreshAt = config.MasterRefresh > TimeSpan.Zero ? now + config.MasterRefresh : null;
        }

        if (config.MasterDelay == TimeSpan.Zero)
        {
            _secondBurstAt = null;
        }

        _config = config;
    }

    /// <summary>Frames still to send in the bursts under way.</summary>
    public int Pending => _devices.Sum(d => d.Pending);

    /// <summary>Becoming master: a burst now, the second burst and the refresh scheduled (RFC 5798 §6.4.1, keepalived's garp_master_*).</summary>
    public void BecameMaster(TimeSpan now)
    {
        Burst(now);
        _secondBurstAt = _config.MasterDelay > TimeSpan.Zero ? now + _config.MasterDelay : null;
        _refreshAt = _config.MasterRefresh > TimeSpan.Zero ? now + _config.MasterRefresh : null;
    }

    /// <summary>A fresh burst of <c>garp_master_repeat</c> frames per address, starting as soon as the rate limit allows.</summary>
    public void Burst(TimeSpan now)
    {
        foreach (var device in _devices)
        {
            device.Pending = _config.MasterRepeat * device.Addresses.Length;
            device.NextDue = device.LastSent is { } last && last + _config.Interval > now ? last + _config.Interval : now;
        }
    }

    /// <summary>Leaving master: nothing more is sent.</summary>
    public void Stop()
    {
        foreach (var device in _devices)
        {
            device.Pending = 0;
        }

        _secondBurstAt = null;
        _refreshAt = null;
    }

    /// <summary>The next frame due at <paramref name="now"/>, if any; call until it returns false.</summary>
    public bool TryTakeDue(TimeSpan now, out InterfaceAddress? frame)
    {
        if (_secondBurstAt <= now)
        {
            _secondBurstAt = null;
            Burst(now);
        }

        if (_refreshAt <= now)
        {
            _refreshAt = now + _config.MasterRefresh;
            Burst(now);
        }

        foreach (var device in _devices)
        {
            if (device.Pending > 0 && device.NextDue <= now)
            {
                frame = device.Addresses[device.NextIndex];
                device.NextIndex = (device.NextIndex + 1) % device.Addresses.Length;
                device.Pending--;
                device.LastSent = now;
                device.NextDue = now + _config.Interval;
                return true;
            }
        }

        frame = null;
        return false;
    }

    /// <summary>An interface's queue over its new addresses: the rate limit carries over, and what was left of a burst, at most one full burst.</summary>
    private static DeviceQueue Carry(Dictionary<string, DeviceQueue> previous, InterfaceAddress[] addresses, int repeat)
    {
        var queue = new DeviceQueue(addresses);
        if (previous.TryGetValue(addresses[0].Device, out var old))
        {
            queue.LastSent = old.LastSent;
            queue.NextDue = old.NextDue;
            queue.Pending = Math.Min(old.Pending, repeat * addresses.Length);
        }

        return queue;
    }

    private static TimeSpan? Earliest(TimeSpan? a, TimeSpan? b) => a is null ? b : b is null ? a : a < b ? a : b;

    private sealed class DeviceQueue(InterfaceAddress[] addresses)
    {
        public InterfaceAddress[] Addresses { get; } = addresses;

        public int Pending { get; set; }

        public int NextIndex { get; set; }

        public TimeSpan NextDue { get; set; }

        public TimeSpan? LastSent { get; set; }
    }
}
