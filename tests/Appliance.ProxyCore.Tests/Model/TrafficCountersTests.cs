using Appliance.ProxyCore.Model;
using Appliance.Tests.Common;

namespace Appliance.ProxyCore.Tests.Model;

public class TrafficCountersTests
{
    [Fact]
    public void SessionOpenedClosed_CurrentMaxTotal()
    {
        var counters = new TrafficCounters(new FakeTimeProvider());

        counters.SessionOpened();
        counters.SessionOpened();
        counters.SessionClosed();
        counters.SessionOpened();

        Assert.Equal((2, 2, 3L), (counters.CurrentSessions, counters.MaxSessions, counters.TotalSessions));
    }

    [Theory]
    [InlineData(101, 1)]
    [InlineData(204, 2)]
    [InlineData(302, 3)]
    [InlineData(404, 4)]
    [InlineData(503, 5)]
    [InlineData(99, 0)]
    [InlineData(600, 0)]
    public void ResponseSent_StatusClass(int status, int statusClass)
    {
        var counters = new TrafficCounters(new FakeTimeProvider());

        counters.ResponseSent(status);

        Assert.Equal(1, counters.Responses(statusClass));
        Assert.Equal(1, Enumerable.Range(0, 6).Sum(c => counters.Responses(c)));
    }

    [Fact]
    public void LastSessionTimestamp_NullUntilFirstSession()
    {
        var time = new FakeTimeProvider();
        var counters = new TrafficCounters(time);
        Assert.Null(counters.LastSessionTimestamp);
        time.Advance(TimeSpan.FromSeconds(3));

        counters.SessionOpened();

        Assert.Equal(time.GetTimestamp(), counters.LastSessionTimestamp);
    }

    [Fact]
    public void ServerSlots_CountForServerAndBackend()
    {
        var time = new FakeTimeProvider();
        var backend = new TrafficCounters(time);
        var state = new ServerState(1, 1, startsUp: true, time, backend);

        Assert.True(state.TryAcquireSlot());
        Assert.False(state.TryAcquireSlot());
        state.ReleaseSlot();

        Assert.Equal((0, 1, 1L), (state.Traffic.CurrentSessions, state.Traffic.MaxSessions, state.Traffic.TotalSessions));
        Assert.Equal((0, 1, 1L), (backend.CurrentSessions, backend.MaxSessions, backend.TotalSessions));
    }
}
