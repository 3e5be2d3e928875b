using Appliance.Host.Logging;

namespace Appliance.Host.Tests.Logging;

public sealed class ReconnectBackoffTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void CanAttempt_New_Immediately()
    {
        Assert.True(new ReconnectBackoff().CanAttempt(T0));
    }

    [Fact]
    public void Failed_Repeatedly_DoublesFrom200MsUpTo10s()
    {
        var backoff = new ReconnectBackoff();
        var delays = new List<double>();
        for (var i = 0; i < 9; i++)
        {
            backoff.Failed(T0);
            delays.Add(backoff.CurrentDelay.TotalMilliseconds);
        }

        Assert.Equal([200, 400, 800, 1600, 3200, 6400, 10000, 10000, 10000], delays);
    }

    [Fact]
    public void CanAttempt_AfterFailure_OnlyOnceTheDelayPassed()
    {
        var backoff = new ReconnectBackoff();
        backoff.Failed(T0);

        Assert.False(backoff.CanAttempt(T0.AddMilliseconds(199)));
        Assert.True(backoff.CanAttempt(T0.AddMilliseconds(200)));
    }

    [Fact]
    public void Succeeded_AfterFailures_ResetsToImmediateAndInitialDelay()
    {
        var backoff = new ReconnectBackoff();
        backoff.Failed(T0);
        backoff.Failed(T0);
        backoff.Succeeded();

        Assert.True(backoff.CanAttempt(T0));
        backoff.Failed(T0);
        Assert.Equal(ReconnectBackoff.InitialDelay, backoff.CurrentDelay);
    }
}
