using System.Collections.Concurrent;
using System.Text;
using Appliance.ProxyCore.Configuration;
using Appliance.ProxyCore.Logging;
using Appliance.Tests.Common;
using Appliance.Tests.Common.Http;
using Appliance.ProxyCore.FunctionalTests.Http;

namespace Appliance.ProxyCore.FunctionalTests.Logging;

/// <summary>The data path writes one access-log record per HTTP exchange, per refused request and per TCP connection.</summary>
public sealed class AccessLogTests
{
    [Fact]
    public async Task Http_OneRecordPerExchange_WithStatusServerTimersAndBytes()
    {
        await using var backend = await TestHttpBackend.StartAsync("web0");
        var log = new RecordingAccessLog();
        var port = TcpClientHelper.FreePort();
        await using var engine = await StartAsync(log, $"""
            defaults
                mode http
                timeout connect 2s
                timeout client 10s
                timeout server 10s
            frontend www
                bind 127.0.0.1:{port}
                default_backend web
            backend web
                server web0 127.0.0.1:{backend.Port}
            """);
        using var client = new HttpClient();

        await client.GetStringAsync(new Uri($"http://127.0.0.1:{port}/big/1000"));
        await client.GetStringAsync(new Uri($"http://127.0.0.1:{port}/status/404")).ContinueWith(_ => { });
        var bad = await RawHttp.SendAsync(port, "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"u8.ToArray());

        Assert.True(await TcpClientHelper.WaitUntilAsync(() => log.Lines.Count == 3, TimeSpan.FromSeconds(10)), string.Join('\n', log.Lines));
        var lines = log.Lines.ToArray();
        Assert.Matches(@"^www web/web0 200 ----; tr=\d+ tw=\d+ tc=\d+ tr2=\d+ ta=\d+ out=1\d{3} ""GET /big/1000 HTTP/1\.1""$", lines[0]);
        Assert.StartsWith("www web/web0 404 ----", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("www -/- 400 PR--", lines[2], StringComparison.Ordinal);
        Assert.Equal(400, RawHttp.StatusOf(bad));
    }

    [Fact]
    public async Task Tcp_OneRecordPerConnection_WithBytesAndTermination()
    {
        await using var backends = await Backends.StartAsync(1);
        var log = new RecordingAccessLog();
        var port = TcpClientHelper.FreePort();
        await using var engine = await StartAsync(log, Tcp.TcpBalancingTests.Config("roundrobin", backends.ServerLines()).Replace(
            "bind 127.0.0.1:", $"bind 127.0.0.1:{port} #", StringComparison.Ordinal));

        Assert.Equal("b0", await TcpClientHelper.ReadGreetingAsync(port, TimeSpan.FromSeconds(5)));

        Assert.True(await TcpClientHelper.WaitUntilAsync(() => log.Lines.Count == 1, TimeSpan.FromSeconds(10)));
        Assert.Matches(@"^fe be/b0 tcp ----; tw=\d+ tc=\d+ tt=\d+ out=3 in=0$", log.Lines.Single());
    }

    private static async Task<ProxyEngine> StartAsync(IAccessLog log, string text)
    {
        var result = ConfigLoader.LoadText(text, "log.cfg");
        Assert.True(result.IsValid, string.Join('\n', result.Diagnostics));
        var engine = new ProxyEngine(result.Config!, new ProxyEngineOptions { AccessLog = log });
        await engine.StartAsync();
        return engine;
    }

    /// <summary>Keeps the fields the tests look at, one line per record.</summary>
    private sealed class RecordingAccessLog : IAccessLog
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        public bool IsEnabled(string frontend) => true;

        public void Write(in HttpAccessRecord record) => Lines.Enqueue(
            $"{record.Frontend} {record.Backend ?? "-"}/{record.Server ?? "-"} {record.Status} {record.Termination}; " +
            $"tr={record.RequestTime} tw={record.QueueTime} tc={record.ConnectTime} tr2={record.ResponseTime} ta={record.ActiveTime} " +
            $"out={record.BytesRead} \"{Encoding.ASCII.GetString(record.RequestLine)}\"");

        public void Write(in TcpAccessRecord record) => Lines.Enqueue(
            $"{record.Frontend} {record.Backend}/{record.Server} tcp {record.Termination}; tw={record.QueueTime} tc={record.ConnectTime} " +
            $"tt={record.TotalTime} out={record.BytesRead} in={record.BytesUploaded}");
    }
}
