using System.Net;
using System.Net.Sockets;
using Appliance.Tests.Common;

namespace Appliance.ProxyCore.FunctionalTests;

/// <summary>
/// The contract the functional tests rely on from <see cref="TcpClientHelper.FreePort"/>: the port stays held (a "dead"
/// server refuses, and the kernel's own picks, binds to 0 and outgoing connections, skip it), yet the proxy's listener
/// and a plain .NET one bind it.
/// </summary>
public sealed class PortReservationTests
{
    [Fact]
    public async Task FreePort_NothingListening_ConnectionRefused()
    {
        var port = TcpClientHelper.FreePort();
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

        var error = await Assert.ThrowsAsync<SocketException>(async () => await client.ConnectAsync(IPAddress.Loopback, port));

        Assert.Equal(SocketError.ConnectionRefused, error.SocketErrorCode);
    }

    /// <summary>
    /// Linux picks a bind to 0 at random among about 14,000 odd ports: 3,000 such binds would miss all of 100 released
    /// ports with a chance of about 1 in 10^10, and never get a reserved one.
    /// </summary>
    [Fact]
    public void FreePort_ManyBindsToZero_NeverGivenAReservedPort()
    {
        var reserved = Enumerable.Range(0, 100).Select(_ => TcpClientHelper.FreePort()).ToHashSet();
        var bound = new List<Socket>();
        try
        {
            for (var i = 0; i < 3000; i++)
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                bound.Add(socket);
                socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
                Assert.DoesNotContain(((IPEndPoint)socket.LocalEndPoint!).Port, reserved);
            }
        }
        finally
        {
            bound.ForEach(s => s.Dispose());
        }
    }

    [Fact]
    public async Task FreePort_ProxyAndPlainListener_BindAndAccept()
    {
        var proxyPort = TcpClientHelper.FreePort();
        var plainPort = TcpClientHelper.FreePort();
        await using var backends = await Backends.StartAsync(1);
        await using var proxy = await ProxyUnderTest.StartAsync(Tcp.TcpBalancingTests.Config("roundrobin", backends.ServerLines())
            .Replace("bind 127.0.0.1:", $"bind 127.0.0.1:{proxyPort} #", StringComparison.Ordinal));
        using var plain = new TcpListener(IPAddress.Loopback, plainPort);
        plain.Start();

        Assert.Equal(proxyPort, proxy.Port);
        Assert.Equal("b0", await TcpClientHelper.ReadGreetingAsync(proxyPort, TimeSpan.FromSeconds(10)));
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(IPAddress.Loopback, plainPort);
        using var accepted = await plain.AcceptSocketAsync().WaitAsync(TimeSpan.FromSeconds(10));
    }
}
