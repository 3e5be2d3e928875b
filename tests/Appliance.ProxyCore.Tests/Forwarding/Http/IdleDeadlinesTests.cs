using System.Net.Sockets;
using Appliance.ProxyCore.Forwarding.Http;
using Appliance.Tests.Common;

namespace Appliance.ProxyCore.Tests.Forwarding.Http;

public sealed class IdleDeadlinesTests : IDisposable
{
    private readonly FakeTimeProvider _time = new();
    private readonly List<Socket> _sockets = [];

    [Fact]
    public void Remove_BeforeTheTimeout_IsInTime()
    {
        var deadlines = IdleDeadlines.For(_time, TimeSpan.FromSeconds(5));
        var wait = NewWait();
        deadlines.Add(wait);

        _time.Advance(TimeSpan.FromSeconds(4.9));

        Assert.True(deadlines.Remove(wait));
        Assert.False(wait.Expired);
        Assert.Equal(0, deadlines.Count);
    }

    [Fact]
    public void Advance_PastTheTimeout_ExpiresTheWait()
    {
        var deadlines = IdleDeadlines.For(_time, TimeSpan.FromSeconds(5));
        var wait = NewWait();
        deadlines.Add(wait);

        _time.Advance(TimeSpan.FromSeconds(5));

        Assert.True(wait.Expired);
        Assert.False(deadlines.Remove(wait));
        Assert.Equal(0, deadlines.Count);
    }

    [Fact]
    public void Advance_SeveralWaits_EachExpiresAtItsOwnDeadline()
    {
        var deadlines = IdleDeadlines.For(_time, TimeSpan.FromSeconds(10));
        var first = NewWait();
        var second = NewWait();
        var third = NewWait();
        deadlines.Add(first);
        _time.Advance(TimeSpan.FromSeconds(3));
        deadlines.Add(second);
        _time.Advance(TimeSpan.FromSeconds(3));
        deadlines.Add(third);

        _time.Advance(TimeSpan.FromSeconds(4));
        Assert.True(first.Expired);
        Assert.False(second.Expired);

        _time.Advance(TimeSpan.FromSeconds(3));
        Assert.True(second.Expired);
        Assert.False(third.Expired);

        _time.Advance(TimeSpan.FromSeconds(3));
        Assert.True(third.Expired);
        Assert.Equal(0, deadlines.Count);
    }

    [Fact]
    public void Advance_HeadRemovedEarly_TimerRearmsForTheNextDeadline()
    {
        var deadlines = IdleDeadlines.For(_time, TimeSpan.FromSeconds(10));
        var head = NewWait();
        var next = NewWait();
        deadlines.Add(head);
        _time.Advance(TimeSpan.FromSeconds(6));
        deadlines.Add(next);
        Assert.True(deadlines.Remove(head));

        // The timer still fires at the removed head's deadline (10 s), finds nothing due and re-arms for 16 s.
        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.False(next.Expired);
        Assert.Equal(1, deadlines.Count);

        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.True(next.Expired);
    }

    [Fact]
    public void Add_AfterTheListEmptied_ArmsTheTimerAgain()
    {
        var deadlines = IdleDeadlines.For(_time, TimeSpan.FromSeconds(2));
        var wait = NewWait();
        deadlines.Add(wait);
        _time.Advance(TimeSpan.FromSeconds(3));
        Assert.True(wait.Expired);

        var again = NewWait();
        deadlines.Add(again);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(again.Expired);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(again.Expired);
    }

    [Fact]
    public void Remove_Twice_LeavesTheOtherWaitsListed()
    {
        var deadlines = IdleDeadlines.For(_time, TimeSpan.FromSeconds(5));
        var first = NewWait();
        var second = NewWait();
        deadlines.Add(first);
        deadlines.Add(second);

        Assert.True(deadlines.Remove(first));
        Assert.True(deadlines.Remove(first));

        Assert.Equal(1, deadlines.Count);
        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.True(second.Expired);
    }

    [Fact]
    public void For_SameClockAndTimeout_SharesOneList()
    {
        Assert.Same(IdleDeadlines.For(_time, TimeSpan.FromSeconds(5)), IdleDeadlines.For(_time, TimeSpan.FromSeconds(5)));
        Assert.NotSame(IdleDeadlines.For(_time, TimeSpan.FromSeconds(5)), IdleDeadlines.For(_time, TimeSpan.FromSeconds(6)));
    }

    public void Dispose()
    {
        foreach (var socket in _sockets)
        {
            socket.Dispose();
        }
    }

    /// <summary>A wait on an unconnected socket: waking it (shutting its receiving side) fails quietly.</summary>
    private IdleWait NewWait()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _sockets.Add(socket);
        return new IdleWait(socket);
    }
}
