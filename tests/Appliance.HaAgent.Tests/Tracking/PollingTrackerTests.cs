using Appliance.HaAgent.Configuration;
using Appliance.HaAgent.Tracking;
using Appliance.Tests.Common;
using Microsoft.Extensions.Logging.Abstractions;

namespace Appliance.HaAgent.Tests.Tracking;

public sealed class PollingTrackerTests
{
    [Fact]
    public void Record_FallThreeRiseTwo_ChangesOnlyAfterConsecutiveResults()
    {
        var tracker = new ScriptTracker(new TrackScriptConfig("chk", "/bin/true", TimeSpan.FromSeconds(1), 50, 2, 3), new FakeTimeProvider(), NullLogger.Instance);
        var changes = 0;
        tracker.HealthChanged += (_, _) => changes++;

        tracker.Record(false);
        tracker.Record(false);
        tracker.Record(true); // streak broken
        tracker.Record(false);
        tracker.Record(false);
        Assert.True(tracker.IsHealthy);
        tracker.Record(false);
        Assert.False(tracker.IsHealthy);

        tracker.Record(true);
        Assert.False(tracker.IsHealthy);
        tracker.Record(true);
        Assert.True(tracker.IsHealthy);
        Assert.Equal(2, changes);
    }

    [Fact]
    public async Task Start_InterfaceDown_FailedAfterFirstProbeAndHealsOnNextPoll()
    {
        var up = false;
        var clock = new FakeTimeProvider();
        await using var tracker = new InterfaceTracker(new TrackInterfaceConfig("eth9", 254), clock, NullLogger.Instance, _ => up);
        await tracker.StartAsync(CancellationToken.None);
        Assert.False(tracker.IsHealthy);

        var healed = new TaskCompletionSource();
        tracker.HealthChanged += (_, _) => healed.TrySetResult();
        up = true;
        clock.Advance(InterfaceTracker.DefaultInterval);
        await healed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(tracker.IsHealthy);
    }

    [Fact]
    public async Task Start_ScriptExitsNonZero_Failed()
    {
        await using var tracker = new ScriptTracker(
            new TrackScriptConfig("chk", "/bin/false", TimeSpan.FromSeconds(5), 254, 1, 1), TimeProvider.System, NullLogger.Instance);
        await tracker.StartAsync(CancellationToken.None);
        Assert.False(tracker.IsHealthy);
    }

    [Fact]
    public void IsUp_MissingInterface_False()
    {
        Assert.False(LinkState.IsUp("nosuchif0"));
        Assert.True(LinkState.IsUp("lo"));
    }
}
