using System.Diagnostics;
using Appliance.HaAgent.Sync.Client;
using Appliance.HaAgent.Sync.Grpc;
using Appliance.HaAgent.Sync.Probe;
using Appliance.HaAgent.Sync.Protos;
using Appliance.HaAgent.Sync.Server;
using Appliance.Tests.Common;
using Microsoft.Extensions.Logging;

namespace Appliance.HaAgent.Tests.Sync.Server;

/// <summary>Our client against our server over real sockets on 127.0.0.1, over h2c with a PSK and over mutual TLS.</summary>
public class GrpcCallTests
{
    [Theory]
    [InlineData(SyncTransport.H2cPsk, "psk")]
    [InlineData(SyncTransport.MutualTls, "node-b")]
    public async Task Unary_Echo_ReturnsTheTextAndThePeerIdentity(SyncTransport transport, string identity)
    {
        await using var server = await ProbeServer.StartAsync(transport);
        using var channel = server.CreateChannel();
        var reply = await channel.UnaryAsync(ProbeMethods.Echo, new EchoRequest { Text = "hello" });
        Assert.Equal("hello", reply.Text);
        Assert.Equal(identity, reply.Peer);
    }

    [Theory]
    [InlineData(SyncTransport.H2cPsk)]
    [InlineData(SyncTransport.MutualTls)]
    public async Task ServerStreaming_Count_ReturnsOneToN(SyncTransport transport)
    {
        await using var server = await ProbeServer.StartAsync(transport);
        using var channel = server.CreateChannel();
        await using var call = channel.ServerStreaming(ProbeMethods.Count, new CountRequest { Count = 5 });
        var values = new List<uint>();
        await foreach (var reply in call.ReadAllAsync())
        {
            values.Add(reply.Value);
        }

        Assert.Equal([1u, 2u, 3u, 4u, 5u], values);
    }

    [Theory]
    [InlineData(SyncTransport.H2cPsk)]
    [InlineData(SyncTransport.MutualTls)]
    public async Task ServerStreaming_CountZero_EndsOkWithoutMessages(SyncTransport transport)
    {
        await using var server = await ProbeServer.StartAsync(transport);
        using var channel = server.CreateChannel();
        await using var call = channel.ServerStreaming(ProbeMethods.Count, new CountRequest { Count = 0 });
        Assert.Empty(await ReadAll(call.ReadAllAsync()));
    }

    [Theory]
    [InlineData(SyncTransport.H2cPsk)]
    [InlineData(SyncTransport.MutualTls)]
    public async Task ClientStreaming_Sum_ReturnsTheSumAndCount(SyncTransport transport)
    {
        await using var server = await ProbeServer.StartAsync(transport);
        using var channel = server.CreateChannel();
        await using var call = channel.ClientStreaming(ProbeMethods.Sum);
        foreach (var value in new long[] { 5, -2, 40, 1_000_000_000_000 })
        {
            await call.WriteAsync(new SumRequest { Value = value });
        }

        await call.CompleteAsync();
        var reply = await call.GetResponseAsync();
        Assert.Equal(1_000_000_000_043, reply.Sum);
        Assert.Equal(4u, reply.Count);
    }

    [Theory]
    [InlineData(SyncTransport.H2cPsk)]
    [InlineData(SyncTransport.MutualTls)]
    public async Task DuplexStreaming_Chat_AnswersEachMessageBeforeTheNextIsSent(SyncTransport transport)
    {
        await using var server = await ProbeServer.StartAsync(transport);
        using var channel = server.CreateChannel();
        await using var call = channel.DuplexStreaming(ProbeMethods.Chat);
        await using var replies = call.ReadAllAsync().GetAsyncEnumerator();
        foreach (var (text, sequence) in new[] { ("one", 1u), ("two", 2u), ("three", 3u) })
        {
            await call.WriteAsync(new ChatMessage { Text = text });

            // The reply arrives while the request stream is still open: the call is really full duplex.
            Assert.True(await replies.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
            Assert.Equal(new ChatMessage { Text = text.ToUpperInvariant(), Sequence = sequence }, replies.Current);
        }

        await call.CompleteAsync();
        Assert.False(await replies.MoveNextAsync());
    }

    [Theory]
    [InlineData(SyncTransport.H2cPsk)]
    [InlineData(SyncTransport.MutualTls)]
    public async Task Unary_ManyConcurrentCalls_ShareOneConnection(SyncTransport transport)
    {
        await using var server = await ProbeServer.StartAsync(transport);
        using var channel = server.CreateChannel();
        var replies = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            channel.UnaryAsync(ProbeMethods.Echo, new EchoRequest { Text = $"call {i}", DelayMs = 50 })));
        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"call {i}"), replies.Select(r => r.Text));
        Assert.Single(replies.Select(r => r.Address).Distinct());
    }

    [Theory]
    [InlineData(SyncTransport.H2cPsk)]
    [InlineData(SyncTransport.MutualTls)]
    public async Task Unary_HandlerSlowerThanDeadline_DeadlineExceededAndHandlerCancelled(SyncTransport transport)
    {
        await using var server = await ProbeServer.StartAsync(transport);
        using var channel = server.CreateChannel();

        // Connect first (the TLS handshake alone may take longer than the deadline on a loaded machine).
        await channel.UnaryAsync(ProbeMethods.Echo, new EchoRequest());
        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            channel.UnaryAsync(ProbeMethods.Echo, new EchoRequest { Text = "slow", DelayMs = 30_000 }, new CallOptions(Timeout: TimeSpan.FromMilliseconds(300))));
        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        await WaitUntil(() => server.Probe.CancelledCalls == 1);
    }

    [Fact]
    public async Task Unary_ServerDeadlinePasses_ServerSendsDeadlineExceeded()
    {
        // The client's clock never moves, so only the server can end the call: it got grpc-timeout and enforces it.
        var clientClock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await ProbeServer.StartAsync(SyncTransport.H2cPsk);
        using var channel = server.CreateChannel(clientClock);
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            channel.UnaryAsync(ProbeMethods.Echo, new EchoRequest { DelayMs = 30_000 }, new CallOptions(Timeout: TimeSpan.FromMilliseconds(200))))
            .WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        Assert.Equal("Deadline Exceeded", error.Detail);
        await WaitUntil(() => server.Probe.CancelledCalls == 1);
        await server.Logs.WaitForAsync(e => e.Message.Contains("deadline exceeded (00:00:00.2000000)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Unary_ClientDeadlinePasses_ClientResetsAndTheHandlerIsCancelled()
    {
        // The server's clock never moves (its deadline timer and the probe's delay are on it): the client's own
        // deadline ends the call, and its stream reset is what cancels the handler.
        var serverClock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await ProbeServer.StartAsync(SyncTransport.H2cPsk, serverClock);
        using var channel = server.CreateChannel();
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            channel.UnaryAsync(ProbeMethods.Echo, new EchoRequest { DelayMs = 1000 }, new CallOptions(Timeout: TimeSpan.FromMilliseconds(200))))
            .WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        await WaitUntil(() => server.Probe.CancelledCalls == 1);
        await server.Logs.WaitForAsync(e => e.Message.Contains("cancelled by the client", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ServerStreaming_ClientCancels_CancelledAndTheHandlerStops()
    {
        await using var server = await ProbeServer.StartAsync(SyncTransport.H2cPsk);
        using var channel = server.CreateChannel();
        using var cancel = new CancellationTokenSource();
        await using var call = channel.ServerStreaming(ProbeMethods.Count, new CountRequest { Count = 1000, IntervalMs = 50 }, new CallOptions(CancellationToken: cancel.Token));
        var received = new List<uint>();
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await foreach (var reply in call.ReadAllAsync())
            {
                received.Add(reply.Value);
                if (reply.Value == 3)
                {
                    await cancel.CancelAsync();
                }
            }
        });
        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
        Assert.Equal([1u, 2u, 3u], received);

        // Cancelling resets the stream at once (RST_STREAM CANCEL), before the call object is disposed.
        await WaitUntil(() => server.Probe.CancelledCalls == 1);
    }

    [Fact]
    public async Task Unary_ZeroTimeout_FailsDeadlineExceededWithoutCalling()
    {
        await using var server = await ProbeServer.StartAsync(SyncTransport.H2cPsk);
        using var channel = server.CreateChannel();
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            channel.UnaryAsync(ProbeMethods.Echo, new EchoRequest(), new CallOptions(Timeout: TimeSpan.Zero)));
        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
    }

    [Theory]
    [InlineData(SyncTransport.H2cPsk)]
    [InlineData(SyncTransport.MutualTls)]
    public async Task Unary_UnknownMethod_Unimplemented(SyncTransport transport)
    {
        await using var server = await ProbeServer.StartAsync(transport);
        using var channel = server.CreateChannel();
        var missing = new GrpcMethod<EchoRequest, EchoReply>(MethodType.Unary, "/appliance.sync.v1.Probe/Missing", EchoRequest.Parser, EchoReply.Parser);
        var error = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(missing, new EchoRequest()));
        Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
        Assert.Equal("Method /appliance.sync.v1.Probe/Missing is unimplemented.", error.Detail);
    }

    [Theory]
    [InlineData(SyncTransport.H2cPsk)]
    [InlineData(SyncTransport.MutualTls)]
    public async Task Unary_HandlerThrows_InternalWithoutTheDetailsWhichAreLogged(SyncTransport transport)
    {
        await using var server = await ProbeServer.StartAsync(transport);
        using var channel = server.CreateChannel();
        var error = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(ProbeMethods.Echo, new EchoRequest { Fail = "internal" }));
        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.Equal("Exception was thrown by handler.", error.Detail);
        Assert.DoesNotContain(ProbeService.SecretFailure, error.ToString(), StringComparison.Ordinal);
        var logged = await server.Logs.WaitForAsync(e => e.Level == LogLevel.Error && e.Message.Contains("/appliance.sync.v1.Probe/Echo: the handler threw", StringComparison.Ordinal));
        Assert.Equal(ProbeService.SecretFailure, logged.Exception!.Message);
    }

    [Fact]
    public async Task Unary_HandlerThrowsRpcException_ClientGetsThatStatusAndMessage()
    {
        await using var server = await ProbeServer.StartAsync(SyncTransport.H2cPsk);
        using var channel = server.CreateChannel();
        var error = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(ProbeMethods.Echo, new EchoRequest { Fail = "FAILED_PRECONDITION" }));
        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Equal("probe asked to fail with FAILED_PRECONDITION", error.Detail);
    }

    [Fact]
    public async Task Unary_RequestOverServerLimit_ResourceExhausted()
    {
        await using var server = await ProbeServer.StartAsync(SyncTransport.H2cPsk, maxReceiveMessageSize: 1024);
        using var channel = server.CreateChannel();
        var error = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(ProbeMethods.Echo, new EchoRequest { Text = new string('x', 2000) }));
        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Equal("received message larger than max (2003 vs. 1024)", error.Detail);

        // The connection stays usable.
        Assert.Equal("small", (await channel.UnaryAsync(ProbeMethods.Echo, new EchoRequest { Text = "small" })).Text);
    }

    [Fact]
    public async Task Unary_ResponseOverClientLimit_ResourceExhausted()
    {
        await using var server = await ProbeServer.StartAsync(SyncTransport.H2cPsk);
        using var channel = server.CreateChannel(maxReceiveMessageSize: 100);
        var error = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(ProbeMethods.Echo, new EchoRequest { Text = new string('x', 200) }));
        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }

    [Fact]
    public async Task Unary_FourMebibyteMessage_RoundTrips()
    {
        await using var server = await ProbeServer.StartAsync(SyncTransport.H2cPsk);
        using var channel = server.CreateChannel();
        var text = new string('s', GrpcProtocol.DefaultMaxReceiveMessageSize - 200);
        var reply = await channel.UnaryAsync(ProbeMethods.Echo, new EchoRequest { Text = text });
        Assert.Equal(text.Length, reply.Text.Length);
    }

    [Fact]
    public async Task Call_WrongMethodKind_Throws()
    {
        await using var server = await ProbeServer.StartAsync(SyncTransport.H2cPsk);
        using var channel = server.CreateChannel();
        var wrong = new GrpcMethod<CountRequest, CountReply>(MethodType.Unary, ProbeMethods.Count.FullName, CountRequest.Parser, CountReply.Parser);
        Assert.Throws<ArgumentException>(() => channel.ServerStreaming(wrong, new CountRequest()));
    }

    [Fact]
    public void Register_SameMethodTwice_Throws()
    {
        var services = new ProbeService().Register(new GrpcServiceRegistry());
        var error = Assert.Throws<ArgumentException>(() => new ProbeService().Register(services));
        Assert.StartsWith("method /appliance.sync.v1.Probe/Echo is already registered", error.Message, StringComparison.Ordinal);
    }

    private static async Task<List<T>> ReadAll<T>(IAsyncEnumerable<T> source)
    {
        var list = new List<T>();
        await foreach (var item in source)
        {
            list.Add(item);
        }

        return list;
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(25);
        }

        Assert.True(condition());
    }
}
