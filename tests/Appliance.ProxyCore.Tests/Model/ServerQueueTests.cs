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

    [Fact]
    public void Enter_KeptSequence_WaitsAheadOfLaterArrivals()
    {
        var queue = new ServerQueue();
        var woken = queue.Enter();
        var place = woken.Sequence;
        using var later = queue.Enter();
        queue.SignalOne();
        woken.Dispose();

        using var again = queue.Enter(place);
        queue.SignalOne();

        Assert.True(again.Signalled.IsCompleted);
        Assert.False(later.Signalled.IsCompleted);
    }

    [Fact]
    public void SignalOldest_ServerWaiterCameFirst_WakesServerWaiter()
    {
        var server = new ServerQueue();
        var backend = new ServerQueue();
        using var persistent = server.Enter();
        using var balanced = backend.Enter();

        ServerQueue.SignalOldest(server, backend);

        Assert.True(persistent.Signalled.IsCompleted);
        Assert.False(balanced.Signalled.IsCompleted);
    }

    [Fact]
    public void SignalOldest_BackendWaiterCameFirst_WakesBackendWaiter()
    {
        var server = new ServerQueue();
        var backend = new ServerQueue();
        using var balanced = backend.Enter();
        using var persistent = server.Enter();

        ServerQueue.SignalOldest(server, backend);

        Assert.True(balanced.Signalled.IsCompleted);
        Assert.False(persistent.Signalled.IsCompleted);
    }

    [Fact]
    public void SignalOldest_ServerQueueEmpty_WakesBackendWaiter()
    {
        var server = new ServerQueue();
        var backend = new ServerQueue();
        using var balanced = backend.Enter();

        ServerQueue.SignalOldest(server, backend);

        Assert.True(balanced.Signalled.IsCompleted);
    }

    [Fact]
    public void SignalAll_ThreeWaiters_WakesEveryOne()
    {
        var queue = new ServerQueue();
        using var a = queue.Enter();
        using var b = queue.Enter();
        using var c = queue.Enter();

        queue.SignalAll();

        Assert.All(new[] { a, b, c }, t => Assert.True(t.Signalled.IsCompleted));
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public void ServerState_ClientQueued_CountsAsFullForBalancing()
    {
        var state = new ServerState(configuredWeight: 1, configuredMaxConn: 2, startsUp: true);
        Assert.True(state.TryAcquireSlot());
        Assert.False(state.IsFull);

        using var waiting = state.Queue.Enter();

        Assert.True(state.IsFull);
    }

    [Fact]
    public void ServerState_GoesDown_WakesItsQueue()
    {
        var state = new ServerState(configuredWeight: 1, configuredMaxConn: 1, startsUp: true);
        using var waiting = state.Queue.Enter();

        state.SetOperatorAdmin(ServerAdminState.Maint);

        Assert.True(waiting.Signalled.IsCompleted);
    }
}
