using Appliance.ProxyCore.Model;

namespace Appliance.ProxyCore.Tests.Model;

public sealed class ServerQueueTests
{
    [Fact]
    public void SignalOne_TwoWaiters_WakesOldestFirst()
    {
        var queue = new ServerQueue();
        using var first = queue.Enter();
        using var second = queue.Enter();

        queue.SignalOne();

        Assert.True(first.Signalled.IsCompleted);
        Assert.False(second.Signalled.IsCompleted);
        Assert.Equal(1, queue.Count);
        Assert.Equal(2, queue.MaxCount);
    }

    [Fact]
    public void Dispose_WaiterLeaves_SignalGoesToNext()
    {
        var queue = new ServerQueue();
        var first = queue.Enter();
        using var second = queue.Enter();

        first.Dispose();
        queue.SignalOne();

        Assert.False(first.Signalled.IsCompleted);
        Assert.True(second.Signalled.IsCompleted);
        Assert.Equal(0, queue.Count);
    }
}
