using System.Net;
using Appliance.ProxyCore.Configuration;
using Appliance.ProxyCore.Health;
using Appliance.Tests.Common;

namespace Appliance.ProxyCore.Tests.Health;

/// <summary>The probes against real sockets on 127.0.0.1; each test ends in milliseconds when the code is right.</summary>
public sealed class ProbeSocketTests
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(5);
    private static readonly CheckTimeouts Generous = new(Guard, null);
    private static readonly FakeHostResolver NoDns = new([]);

    private static CheckTarget Loopback(int port) => new(IPAddress.Loopback, "127.0.0.1", port);

    private static Task<T> Run<T>(ValueTask<T> run) => run.AsTask().WaitAsync(Guard);

    [Fact]
    public async Task TcpConnectProbe_ListeningPort_Layer4Passed()
    {
        await using var server = LoopbackServer.Agent("");
        var probe = new TcpConnectProbe(Loopback(server.Port), Generous, TimeProvider.System, NoDns);

        Assert.Equal(ProbeResult.Layer4Passed(), await Run(probe.RunAsync(CancellationToken.None)));
    }

    [Fact]
    public async Task TcpConnectProbe_ClosedPort_ConnectionRefused()
    {
        var probe = new TcpConnectProbe(Loopback(LoopbackServer.ClosedPort()), Generous, TimeProvider.System, NoDns);

        var result = await Run(probe.RunAsync(CancellationToken.None));

        Assert.Equal("Layer4 connection problem, info: \"Connection refused\"", result.Describe());
    }

    [Fact]
    public async Task TcpConnectProbe_HostName_ResolvedThroughSeam()
    {
        await using var server = LoopbackServer.Agent("");
        var resolver = new FakeHostResolver(new() { ["app.internal"] = [IPAddress.Loopback] });
        var probe = new TcpConnectProbe(new CheckTarget(null, "app.internal", server.Port), Generous, TimeProvider.System, resolver);

        Assert.Equal(ProbeResult.Layer4Passed(), await Run(probe.RunAsync(CancellationToken.None)));
    }

    [Fact]
    public async Task TcpConnectProbe_UnknownHost_ConnectionProblemNamingHost()
    {
        var probe = new TcpConnectProbe(new CheckTarget(null, "nowhere.internal", 80), Generous, TimeProvider.System, NoDns);

        var result = await Run(probe.RunAsync(CancellationToken.None));

        Assert.Equal(CheckStatus.Layer4ConnectionProblem, result.Status);
        Assert.StartsWith("cannot resolve 'nowhere.internal': ", result.Info);
    }

    [Fact]
    public async Task TcpConnectProbe_ConnectBudgetSpentOnFakeClock_Layer4Timeout()
    {
        var time = new FakeTimeProvider();
        var probe = new TcpConnectProbe(new CheckTarget(null, "slow.internal", 80), new CheckTimeouts(TimeSpan.FromSeconds(2), null), time, new FakeHostResolver([]) { Hang = true });

        var run = probe.RunAsync(CancellationToken.None).AsTask();
        time.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(ProbeResult.Layer4Timeout(), await run.WaitAsync(Guard));
    }

    [Fact]
    public async Task TcpConnectProbe_Shutdown_ThrowsInsteadOfReportingTimeout()
    {
        using var stop = new CancellationTokenSource();
        var probe = new TcpConnectProbe(new CheckTarget(null, "slow.internal", 80), Generous, new FakeTimeProvider(), new FakeHostResolver([]) { Hang = true });

        var run = probe.RunAsync(stop.Token).AsTask();
        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(Guard));
    }

    [Fact]
    public async Task HttpCheckProbe_200_PassesAndSendsConfiguredRequest()
    {
        await using var server = LoopbackServer.Http("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n");
        var check = new HttpCheckConfig("GET", "/health", "HTTP/1.1", null, "www.example.com");
        var probe = new HttpCheckProbe(Loopback(server.Port), check, "127.0.0.1", Generous, TimeProvider.System, NoDns);

        var result = await Run(probe.RunAsync(CancellationToken.None));

        Assert.Equal("Layer7 check passed, code: 200, info: \"OK\"", result.Describe());
        Assert.Equal("GET /health HTTP/1.1\r\nHost: www.example.com\r\nConnection: close\r\n\r\n", await server.FirstRequest.Task.WaitAsync(Guard));
    }

    [Fact]
    public async Task HttpCheckProbe_503_WrongStatus()
    {
        await using var server = LoopbackServer.Http("HTTP/1.0 503 Service Unavailable\r\n\r\n");
        var probe = new HttpCheckProbe(Loopback(server.Port), HttpCheckConfig.Default, "127.0.0.1", Generous, TimeProvider.System, NoDns);

        var result = await Run(probe.RunAsync(CancellationToken.None));

        Assert.Equal("Layer7 wrong status, code: 503, info: \"Service Unavailable\"", result.Describe());
    }

    [Fact]
    public async Task HttpCheckProbe_Garbage_InvalidResponse()
    {
        await using var server = LoopbackServer.Http("SSH-2.0-OpenSSH_9.2\r\n");
        var probe = new HttpCheckProbe(Loopback(server.Port), HttpCheckConfig.Default, "127.0.0.1", Generous, TimeProvider.System, NoDns);

        Assert.Equal(ProbeResult.Layer7InvalidResponse(), await Run(probe.RunAsync(CancellationToken.None)));
    }

    [Fact]
    public async Task HttpCheckProbe_ClosedWithoutAnswer_InvalidEmptyResponse()
    {
        await using var server = LoopbackServer.Http("");
        var probe = new HttpCheckProbe(Loopback(server.Port), HttpCheckConfig.Default, "127.0.0.1", Generous, TimeProvider.System, NoDns);

        Assert.Equal(ProbeResult.Layer7InvalidResponse("empty response"), await Run(probe.RunAsync(CancellationToken.None)));
    }

    [Fact]
    public async Task HttpCheckProbe_ClosedPort_ConnectionRefused()
    {
        var probe = new HttpCheckProbe(Loopback(LoopbackServer.ClosedPort()), HttpCheckConfig.Default, "127.0.0.1", Generous, TimeProvider.System, NoDns);

        Assert.Equal(CheckStatus.Layer4ConnectionProblem, (await Run(probe.RunAsync(CancellationToken.None))).Status);
    }

    [Fact]
    public async Task HttpCheckProbe_NoAnswerWithinInter_Layer7TimeoutOnFakeClock()
    {
        var time = new FakeTimeProvider();
        await using var server = LoopbackServer.Silent();
        var probe = new HttpCheckProbe(Loopback(server.Port), HttpCheckConfig.Default, "127.0.0.1", new CheckTimeouts(TimeSpan.FromSeconds(2), null), time, NoDns);

        var run = probe.RunAsync(CancellationToken.None).AsTask();
        await server.FirstRequest.Task.WaitAsync(Guard);
        time.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(ProbeResult.Layer7Timeout(), await run.WaitAsync(Guard));
    }

    [Fact]
    public async Task HttpCheckProbe_TimeoutCheckSet_ReadBudgetStartsAtConnect()
    {
        var time = new FakeTimeProvider();
        await using var server = LoopbackServer.Silent();
        var timeouts = CheckTimeouts.For(TimeSpan.FromMinutes(1), new TimeoutsConfig { Check = TimeSpan.FromSeconds(1) });
        var probe = new HttpCheckProbe(Loopback(server.Port), HttpCheckConfig.Default, "127.0.0.1", timeouts, time, NoDns);

        var run = probe.RunAsync(CancellationToken.None).AsTask();
        await server.FirstRequest.Task.WaitAsync(Guard);
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(ProbeResult.Layer7Timeout(), await run.WaitAsync(Guard));
    }

    [Fact]
    public async Task AgentProbe_Drain_ParsedAfterAgentSendReceived()
    {
        await using var server = LoopbackServer.Agent("drain\n", expectedSend: "backend=b\n");
        var probe = new AgentProbe(Loopback(server.Port), "backend=b\n", Generous, TimeProvider.System, NoDns);

        var result = await Run(probe.RunAsync(CancellationToken.None));

        Assert.Equal(AgentProbeOutcome.Replied, result.Outcome);
        Assert.Equal(ProxyCore.Model.ServerAdminState.Drain, result.Reply?.Admin);
        Assert.Equal("backend=b\n", await server.FirstRequest.Task.WaitAsync(Guard));
    }

    [Fact]
    public async Task AgentProbe_CombinedReplyWithCrLf_Parsed()
    {
        await using var server = LoopbackServer.Agent("up 75% maxconn:30 #ok\r\nignored\n");
        var probe = new AgentProbe(Loopback(server.Port), null, Generous, TimeProvider.System, NoDns);

        var reply = (await Run(probe.RunAsync(CancellationToken.None))).Reply;

        Assert.Equal(new AgentReply { Health = AgentHealthReport.Up, WeightPercent = 75, MaxConn = 30, Description = "ok" }, reply);
    }

    [Fact]
    public async Task AgentProbe_LineWithoutEndThenClose_IgnoredAsHAProxyDoes()
    {
        await using var server = LoopbackServer.Agent("drain");
        var probe = new AgentProbe(Loopback(server.Port), null, Generous, TimeProvider.System, NoDns);

        Assert.Equal(AgentProbeResult.NoUsableReply("Ignoring incomplete line from agent"), await Run(probe.RunAsync(CancellationToken.None)));
    }

    [Fact]
    public async Task AgentProbe_ReplyOverLimitWithoutLineEnd_Ignored()
    {
        await using var server = LoopbackServer.Agent(new string('x', AgentProbe.MaxReplyLength + 10));
        var probe = new AgentProbe(Loopback(server.Port), null, Generous, TimeProvider.System, NoDns);

        var result = await Run(probe.RunAsync(CancellationToken.None));

        Assert.Equal(AgentProbeResult.NoUsableReply("Ignoring agent reply longer than 1024 bytes without a line end"), result);
    }

    [Fact]
    public async Task AgentProbe_ClosedPort_Unreachable()
    {
        var probe = new AgentProbe(Loopback(LoopbackServer.ClosedPort()), null, Generous, TimeProvider.System, NoDns);

        var result = await Run(probe.RunAsync(CancellationToken.None));

        Assert.Equal(AgentProbeResult.Unreachable("Layer4 connection problem, info: \"Connection refused\""), result);
    }
}
