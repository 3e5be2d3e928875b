using System.Net;
using System.Net.Sockets;
using Appliance.ProxyCore.Forwarding;
using Appliance.ProxyCore.Forwarding.Http;
using Appliance.ProxyCore.Model;
using Appliance.ProxyCore.Tests.LoadBalancing;
using Appliance.Tests.Common;

namespace Appliance.ProxyCore.Tests.Forwarding.Http;

public sealed class IdleConnectionPoolTests : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly List<Socket> _sockets = [];
    private readonly FakeTimeProvider _time = new();

    public IdleConnectionPoolTests()
    {
        _listener.Start();
    }

    [Fact]
    public void TryAdd_DefaultPoolMaxConn_KeepsMoreThanTheOldFixedBound()
    {
        using var pool = new IdleConnectionPool(_time);
        var server = Server(poolMaxConn: -1);

        var added = Enumerable.Range(0, 200).Count(_ => pool.TryAdd(server, Connected()));

        Assert.Equal((200, 200), (added, pool.Count));
    }

    [Fact]
    public void TryAdd_PoolMaxConn_BoundsIdleConnectionsPerServer()
    {
        using var pool = new IdleConnectionPool(_time);
        var server = Server(poolMaxConn: 2);

        var added = Enumerable.Range(0, 5).Select(_ => pool.TryAdd(server, Connected())).ToList();

        Assert.Equal([true, true, false, false, false], added);
    }

    [Fact]
    public void TryAdd_PoolMaxConnZero_KeepsNothing()
    {
        using var pool = new IdleConnectionPool(_time);

        Assert.False(pool.TryAdd(Server(poolMaxConn: 0), Connected()));
    }

    [Fact]
    public void TryAdd_OldestIdlePastPurgeDelay_ClosedSoThePoolShrinksAfterAPeak()
    {
        using var pool = new IdleConnectionPool(_time);
        var server = Server(poolMaxConn: -1);
        var old = Enumerable.Range(0, 10).Select(_ => Connected()).ToList();
        old.ForEach(s => pool.TryAdd(server, s));

        _time.Advance(IdleConnectionPool.PurgeDelay);
        var fresh = Connected();
        pool.TryAdd(server, fresh);

        Assert.Equal(1, pool.Count);
        Assert.All(old, s => Assert.Throws<ObjectDisposedException>(() => s.Socket.Available));
        Assert.Same(fresh, pool.TryTake(server));
    }

    [Fact]
    public void TryTake_NewestFirst()
    {
        using var pool = new IdleConnectionPool(_time);
        var server = Server(poolMaxConn: -1);
        var first = Connected();
        var second = Connected();
        pool.TryAdd(server, first);
        pool.TryAdd(server, second);

        Assert.Equal([second, first, null], [pool.TryTake(server), pool.TryTake(server), pool.TryTake(server)]);
    }

    public void Dispose()
    {
        _sockets.ForEach(s => s.Dispose());
        _listener.Stop();
    }

    private static ServerModel Server(int poolMaxConn) =>
        new(TestServers.Config("s0") with { PoolMaxConn = poolMaxConn }, 0);

    /// <summary>A connected client socket (its accepted peer is kept open, so the pool sees it as alive).</summary>
    private ServerSocket Connected()
    {
        var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        client.Connect((IPEndPoint)_listener.LocalEndpoint);
        _sockets.Add(_listener.AcceptSocket());
        return new ServerSocket(client);
    }
}
