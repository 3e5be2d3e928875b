using System.Net.Sockets;
using Appliance.ProxyCore.Forwarding.Tcp;

namespace Appliance.ProxyCore.Tests.Forwarding.Tcp;

public sealed class InlineCompletionsTests
{
    [Theory]
    [InlineData(1, null, true)]
    [InlineData(2, null, false)]
    [InlineData(16, null, false)]
    [InlineData(4, "4", true)]
    [InlineData(4, "8", true)]
    [InlineData(4, "2", false)]
    [InlineData(4, "many", false)]
    public void IsWorthIt_ProcessorsAndEventThreads_OnlyWhenNoParallelismIsLost(int processors, string? eventThreads, bool expected)
    {
        Assert.Equal(expected, InlineCompletions.IsWorthIt(processors, eventThreads));
    }

    [LinuxFact]
    public void Set_OnAndOff_TheSocketFollows()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

        InlineCompletions.Set(socket, true);
        Assert.True(InlineCompletions.IsEnabled(socket));
        InlineCompletions.Set(socket, false);
        Assert.False(InlineCompletions.IsEnabled(socket));
    }
}
