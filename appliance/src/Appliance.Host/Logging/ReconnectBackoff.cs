namespace Appliance.Host.Logging;

/// <summary>
/// When a failed target may be tried again: <see cref="InitialDelay"/> after the first failure, doubling up to
/// <see cref="MaxDelay"/>, back to immediate after a success. Pure: the caller passes the time.
/// </summary>
internal sealed class ReconnectBackoff
{
    /// <summary>200 ms: a restarting syslog daemon is usually back within a second or two.</summary>
    public static readonly TimeSpan InitialDelay = TimeSpan.FromMilliseconds(200);

    /// <summary>10 s: a down collector costs one connection attempt per 10 s at most, and is found soon after it returns.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(10);

    private TimeSpan _delay = TimeSpan.Zero;
    private DateTimeOffset _notBefore = DateTimeOffset.MinValue;

    /// <summary>The wait the last failure imposed; zero after a success.</summary>
    public TimeSpan CurrentDelay => _delay;

    public bool CanAttempt(DateTimeOffset now) => now >= _notBefore;

    public void Failed(DateTimeOffset now)
    {
        _delay = _delay == TimeSpan.Zero ? InitialDelay : TimeSpan.FromTicks(Math.Min(_delay.Ticks * 2, MaxDelay.Ticks));
        _notBefore = now + _delay;
    }

    public void Succeeded()
    {
        _delay = TimeSpan.Zero;
        _notBefore = DateTimeOffset.MinValue;
    }
}
