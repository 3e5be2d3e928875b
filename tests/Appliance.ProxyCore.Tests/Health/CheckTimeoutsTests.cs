using Appliance.ProxyCore.Configuration;
using Appliance.ProxyCore.Health;

namespace Appliance.ProxyCore.Tests.Health;

public sealed class CheckTimeoutsTests
{
    private static readonly TimeSpan Inter = TimeSpan.FromSeconds(2);

    [Fact]
    public void For_NoTimeoutCheck_InterBoundsWholeCheck()
    {
        var timeouts = CheckTimeouts.For(Inter, new TimeoutsConfig { Connect = TimeSpan.FromMilliseconds(500) });

        Assert.Equal(new CheckTimeouts(Inter, null), timeouts);
    }

    [Fact]
    public void For_TimeoutCheckAndShorterConnect_ConnectUsesConnectThenCheck()
    {
        var timeouts = CheckTimeouts.For(Inter, new TimeoutsConfig { Connect = TimeSpan.FromMilliseconds(500), Check = TimeSpan.FromSeconds(1) });

        Assert.Equal(new CheckTimeouts(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1)), timeouts);
    }

    [Fact]
    public void For_TimeoutCheckAndLongerConnect_ConnectUsesInter()
    {
        var timeouts = CheckTimeouts.For(Inter, new TimeoutsConfig { Connect = TimeSpan.FromMinutes(1), Check = TimeSpan.FromSeconds(1) });

        Assert.Equal(new CheckTimeouts(Inter, TimeSpan.FromSeconds(1)), timeouts);
    }

    [Fact]
    public void For_TimeoutCheckWithoutConnect_ConnectUsesInter()
    {
        var timeouts = CheckTimeouts.For(Inter, new TimeoutsConfig { Check = TimeSpan.FromSeconds(5) });

        Assert.Equal(new CheckTimeouts(Inter, TimeSpan.FromSeconds(5)), timeouts);
    }
}
