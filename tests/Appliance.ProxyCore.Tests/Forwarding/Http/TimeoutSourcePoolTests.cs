using Appliance.ProxyCore.Forwarding.Http;

namespace Appliance.ProxyCore.Tests.Forwarding.Http;

public sealed class TimeoutSourcePoolTests
{
    [Fact]
    public void Rent_AfterReturnOfAnArmedSource_SameSourceDisarmed()
    {
        var pool = new TimeoutSourcePool(TimeProvider.System);
        var cts = pool.Rent();
        cts.CancelAfter(TimeSpan.FromMilliseconds(50));

        pool.Return(cts);
        Assert.Equal(1, pool.Count);
        var again = pool.Rent();
        Thread.Sleep(150);

        Assert.Same(cts, again);
        Assert.False(again.IsCancellationRequested);
        Assert.Equal(0, pool.Count);
        again.Dispose();
    }

    [Fact]
    public void Return_CancelledSource_IsDisposedNotPooled()
    {
        var pool = new TimeoutSourcePool(TimeProvider.System);
        var cts = pool.Rent();
        cts.Cancel();

        pool.Return(cts);

        Assert.Equal(0, pool.Count);
        Assert.NotSame(cts, pool.Rent());
    }
}
