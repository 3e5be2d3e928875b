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
}
