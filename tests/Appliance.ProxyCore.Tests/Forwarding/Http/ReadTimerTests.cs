using Appliance.ProxyCore.Forwarding.Http;
using Appliance.Tests.Common;

namespace Appliance.ProxyCore.Tests.Forwarding.Http;

public sealed class ReadTimerTests
{
    [Fact]
    public void Start_TimeoutPasses_TokenCancelledAndExpired()
    {
        var time = new FakeTimeProvider();
        using var timer = new ReadTimer(time);

        var token = timer.Start(TimeSpan.FromSeconds(2));
        time.Advance(TimeSpan.FromSeconds(2));

        Assert.True(token.IsCancellationRequested);
        Assert.True(timer.Expired);
    }

    [Fact]
    public void Release_ArmedDeadline_NeverFires()
    {
        var time = new FakeTimeProvider();
        using var timer = new ReadTimer(time);
        var token = timer.Start(TimeSpan.FromSeconds(2));

        timer.Release();
        time.Advance(TimeSpan.FromSeconds(5));

        Assert.False(token.IsCancellationRequested);
        Assert.False(timer.Expired);
    }

    [Fact]
    public void Start_AfterRelease_ArmsANewDeadline()
    {
        var time = new FakeTimeProvider();
        using var timer = new ReadTimer(time);
        timer.Start(TimeSpan.FromSeconds(2));
        timer.Release();

        var token = timer.Start(TimeSpan.FromSeconds(1));
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.True(token.IsCancellationRequested);
        Assert.True(timer.Expired);
    }
}
