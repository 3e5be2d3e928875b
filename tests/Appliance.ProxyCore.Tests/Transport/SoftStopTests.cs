using Appliance.ProxyCore.Transport;
using Appliance.Tests.Common;

namespace Appliance.ProxyCore.Tests.Transport;

public sealed class SoftStopTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task BeginAsync_NoBound_StoppingFiresAbortWaitsForTheProxy()
    {
        using var proxyAbort = new CancellationTokenSource();
        using var stop = new SoftStop(_time, proxyAbort.Token);
        Assert.False(stop.IsStopping);

        await stop.BeginAsync(hardStopAfter: null);
        _time.Advance(TimeSpan.FromDays(1));

        Assert.True(stop.IsStopping);
        Assert.True(stop.Stopping.IsCancellationRequested);
        Assert.False(stop.Abort.IsCancellationRequested);
        await proxyAbort.CancelAsync();
        Assert.True(stop.Abort.IsCancellationRequested);
    }

    [Fact]
    public async Task BeginAsync_HardStopAfter_AbortFiresWhenTheBoundPasses()
    {
        using var stop = new SoftStop(_time, CancellationToken.None);

        await stop.BeginAsync(TimeSpan.FromSeconds(30));
        _time.Advance(TimeSpan.FromSeconds(29.999));
        Assert.False(stop.Abort.IsCancellationRequested);
        _time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.True(stop.Abort.IsCancellationRequested);
    }

    [Fact]
    public async Task BeginAsync_Twice_TheFirstBoundStays()
    {
        using var stop = new SoftStop(_time, CancellationToken.None);

        await stop.BeginAsync(TimeSpan.FromSeconds(10));
        await stop.BeginAsync(TimeSpan.FromSeconds(1));
        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.False(stop.Abort.IsCancellationRequested);
        _time.Advance(TimeSpan.FromSeconds(5));

        Assert.True(stop.Abort.IsCancellationRequested);
    }

    [Fact]
    public void NotBegun_NeitherTokenFires()
    {
        using var stop = new SoftStop(_time, CancellationToken.None);

        _time.Advance(TimeSpan.FromDays(1));

        Assert.False(stop.Stopping.IsCancellationRequested);
        Assert.False(stop.Abort.IsCancellationRequested);
    }

    [Fact]
    public async Task Dispose_BeforeTheBound_AbortNeverFires()
    {
        var stop = new SoftStop(_time, CancellationToken.None);
        await stop.BeginAsync(TimeSpan.FromSeconds(1));

        stop.Dispose();
        _time.Advance(TimeSpan.FromSeconds(2));

        Assert.False(stop.Abort.IsCancellationRequested);
    }

    [Fact]
    public async Task CloseAfterResponse_NoSpread_AlwaysAndIdleAtOnce()
    {
        using var stop = new SoftStop(_time, CancellationToken.None, new FixedRandom(0.0));

        await stop.BeginAsync(hardStopAfter: null);

        Assert.True(stop.CloseAfterResponse());
        Assert.Equal(TimeSpan.Zero, stop.IdleCloseDelay());
    }

    [Fact]
    public async Task CloseAfterResponse_InfiniteSpread_NeverAndIdleLeftToItsTimeouts()
    {
        using var stop = new SoftStop(_time, CancellationToken.None, new FixedRandom(0.99));

        await stop.BeginAsync(hardStopAfter: null, Timeout.InfiniteTimeSpan);
        _time.Advance(TimeSpan.FromDays(1));

        Assert.False(stop.CloseAfterResponse());
        Assert.Null(stop.IdleCloseDelay());
    }

    [Theory]
    [InlineData(0, 0.5, false)] // 5 s drawn, 10 s of the window left: kept
    [InlineData(4, 0.5, false)] // 6 s left
    [InlineData(6, 0.5, true)] // 4 s left
    [InlineData(9, 0.05, false)] // 0.5 s drawn, 1 s left
    [InlineData(10, 0.0, true)] // the window is over
    public async Task CloseAfterResponse_SpreadWindow_ClosesWhenTheDrawReachesWhatIsLeft(int elapsedSeconds, double draw, bool expected)
    {
        using var stop = new SoftStop(_time, CancellationToken.None, new FixedRandom(draw));
        await stop.BeginAsync(hardStopAfter: null, TimeSpan.FromSeconds(10));

        _time.Advance(TimeSpan.FromSeconds(elapsedSeconds));

        Assert.Equal(expected, stop.CloseAfterResponse());
    }

    [Theory]
    [InlineData(2, 0.5, 4_000)] // half of the 8 s left
    [InlineData(0, 0.25, 2_500)]
    [InlineData(12, 0.5, 0)] // past the window: at once
    public async Task IdleCloseDelay_SpreadWindow_ADrawOfWhatIsLeft(int elapsedSeconds, double draw, int expectedMs)
    {
        using var stop = new SoftStop(_time, CancellationToken.None, new FixedRandom(draw));
        await stop.BeginAsync(hardStopAfter: null, TimeSpan.FromSeconds(10));

        _time.Advance(TimeSpan.FromSeconds(elapsedSeconds));

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), stop.IdleCloseDelay());
    }
}
