using Appliance.HaAgent.Configuration;
using Microsoft.Extensions.Logging;

namespace Appliance.HaAgent.Tracking;

/// <summary>
/// <c>track_interface IF [weight N]</c>: the link is up when the kernel says so (<see cref="LinkState"/>), polled every
/// <see cref="DefaultInterval"/>; a missing interface counts as down.
/// </summary>
public sealed class InterfaceTracker : PollingTracker
{
    /// <summary>100 ms: a down link is noticed within one lab advert interval, for two small sysfs reads.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(100);

    private readonly string _device;
    private readonly Func<string, bool> _isUp;

    /// <summary>Tracks <paramref name="config"/>'s interface; <paramref name="isUp"/> defaults to <see cref="LinkState.IsUp"/>.</summary>
    public InterfaceTracker(TrackInterfaceConfig config, TimeProvider time, ILogger logger, Func<string, bool>? isUp = null, TimeSpan? interval = null)
        : base($"interface {config.Interface}", config.Weight, interval ?? DefaultInterval, 1, 1, time, logger)
    {
        _device = config.Interface;
        _isUp = isUp ?? LinkState.IsUp;
    }

    /// <inheritdoc />
    protected override Task<bool> ProbeAsync(CancellationToken cancellationToken) => Task.FromResult(_isUp(_device));
}
