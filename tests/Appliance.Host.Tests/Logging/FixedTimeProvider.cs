namespace Appliance.Host.Tests.Logging;

/// <summary>A clock stopped at one instant, in UTC, so header timestamps are known in advance.</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
}
