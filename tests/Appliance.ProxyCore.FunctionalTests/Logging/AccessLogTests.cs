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
        await using var engine = await StartAsync(log, WebConfig(port, backend.Port));
        using var client = new HttpClient();

        // A record is written once its exchange is over, which may be just after the client got the response: each
        // step waits for its record, or the next one (on another connection) could be written first.
        await client.GetStringAsync(new Uri($"http://127.0.0.1:{port}/big/1000"));
        Assert.True(await TcpClientHelper.WaitUntilAsync(() => log.Lines.Count == 1, TimeSpan.FromSeconds(10)), string.Join('\n', log.Lines));
        await client.GetStringAsync(new Uri($"http://127.0.0.1:{port}/status/404")).ContinueWith(_ => { });
        Assert.True(await TcpClientHelper.WaitUntilAsync(() => log.Lines.Count == 2, TimeSpan.FromSeconds(10)), string.Join('\n', log.Lines));
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

    [Fact]
    public async Task Http_BodiesLongerThanOneRead_BytesOutLoggedAndCountedAsOnTheWire()
    {
        await using var backend = await TestHttpBackend.StartAsync("web0");
        var log = new RecordingAccessLog();
        var port = TcpClientHelper.FreePort();
        await using var engine = await StartAsync(log, WebConfig(port, backend.Port));
        var head = Encoding.ASCII.GetBytes("POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 300000\r\nConnection: close\r\n\r\n");
        var request = new byte[head.Length + 300_000];
        head.CopyTo(request, 0);

        // The upload goes out through the direct copy after its first read, the echo (chunked) likewise.
        var response = await RawHttp.SendAsync(port, request);

        Assert.True(await TcpClientHelper.WaitUntilAsync(() => log.Bytes.Count == 1, TimeSpan.FromSeconds(10)), string.Join('\n', log.Lines));
        Assert.Equal(200, RawHttp.StatusOf(response));
        Assert.True(response.Length > 300_000, $"{response.Length} bytes answered");
        var frontend = engine.Frontends.Single().Traffic;
        Assert.Equal((response.Length, response.Length, request.Length), (log.Bytes.Single().Out, frontend.BytesOut, frontend.BytesIn));
    }

    [Fact]
    public async Task Http_LogFormatCapturesDontlognullSeparateErrors_AppliedOnTheDataPath()
    {
        await using var backend = await TestHttpBackend.StartAsync("web0");
        var port = TcpClientHelper.FreePort();
        var dead = TcpClientHelper.FreePort();
        var writer = new LineRecorder();
        var text = $$"""
            global
                log 127.0.0.1:514 local0
            defaults
                mode http
                log global
                option dontlognull
                option log-separate-errors
                timeout connect 2s
                timeout client 10s
                timeout server 10s
            frontend www
                bind 127.0.0.1:{{port}}
                capture request header Host len 9
                capture request header X-Absent len 4
                capture response header X-Backend len 10
                log-format "%ci %b/%s %si:%sp %ST %hr %hs %{+Q}r %HM %HP %HQ %tsc"
                use_backend gone if { path_beg /gone }
                default_backend web
            backend web
                server web0 127.0.0.1:{{backend.Port}}
            backend gone
                server down 127.0.0.1:{{dead}}
            """;
        var result = ConfigLoader.LoadText(text, "log.cfg");
        Assert.True(result.IsValid, string.Join('\n', result.Diagnostics));
        await using var engine = await StartAsync(new AccessLog(result.Config!, _ => writer, TimeProvider.System), text);
        using var client = new HttpClient();

        // A connection that sends nothing: no line under dontlognull.
        using (var idle = new System.Net.Sockets.TcpClient())
        {
            await idle.ConnectAsync(System.Net.IPAddress.Loopback, port);
        }

        await client.GetStringAsync(new Uri($"http://127.0.0.1:{port}/?b=1"));
        await client.GetAsync(new Uri($"http://127.0.0.1:{port}/gone"));

        Assert.True(await TcpClientHelper.WaitUntilAsync(() => writer.Lines.Count >= 2, TimeSpan.FromSeconds(10)), string.Join('\n', writer.Lines));
        await Task.Delay(200);
        var lines = writer.Lines.ToArray();
        Assert.Equal(2, lines.Length);
        Assert.Equal(
            (SyslogSeverity.Info, $"127.0.0.1 web/web0 127.0.0.1:{backend.Port} 200 {{127.0.0.1|}} {{web0}} \"GET /?b=1 HTTP/1.1\" GET / ?b=1 ----"),
            lines[0]);
        Assert.Equal(
            (SyslogSeverity.Err, $"127.0.0.1 gone/<NOSRV> -:- 503 {{127.0.0.1|}} {{}} \"GET /gone HTTP/1.1\" GET /gone  SC--"),
            lines[1]);
    }

    /// <summary>One HTTP frontend on <paramref name="port"/> in front of one server.</summary>
    private static string WebConfig(int port, int serverPort) => $"""
        defaults
            mode http
            timeout connect 2s
            timeout client 10s
            timeout server 10s
        frontend www
            bind 127.0.0.1:{port}
            default_backend web
        backend web
            server web0 127.0.0.1:{serverPort}
        """;

    private static async Task<ProxyEngine> StartAsync(IAccessLog log, string text)
    {
        var result = ConfigLoader.LoadText(text, "log.cfg");
        Assert.True(result.IsValid, string.Join('\n', result.Diagnostics));
        var engine = new ProxyEngine(result.Config!, new ProxyEngineOptions { AccessLog = log });
        await engine.StartAsync();
        return engine;
    }

    /// <summary>Keeps each finished line with its severity, as a syslog target would receive it.</summary>
    private sealed class LineRecorder : ILogTargetWriter
    {
        public ConcurrentQueue<(SyslogSeverity Severity, string Line)> Lines { get; } = new();

        public LogTarget Target => throw new NotSupportedException();

        public void Write(SyslogSeverity severity, ReadOnlySpan<byte> message) => Lines.Enqueue((severity, Encoding.UTF8.GetString(message)));
    }

    /// <summary>Keeps the fields the tests look at, one line per record.</summary>
    private sealed class RecordingAccessLog : IAccessLog
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        /// <summary>Each HTTP record's bytes to the client (out) and from it (in).</summary>
        public ConcurrentQueue<(long Out, long In)> Bytes { get; } = new();

        public bool IsEnabled(string frontend) => true;

        public HeaderCaptures CapturesOf(string frontend) => HeaderCaptures.None;

        public void Write(in HttpAccessRecord record)
        {
            Bytes.Enqueue((record.BytesRead, record.BytesUploaded));
            Lines.Enqueue(
                $"{record.Frontend} {record.Backend ?? "-"}/{record.Server ?? "-"} {record.Status} {record.Termination}; " +
                $"tr={record.RequestTime} tw={record.QueueTime} tc={record.ConnectTime} tr2={record.ResponseTime} ta={record.ActiveTime} " +
                $"out={record.BytesRead} \"{Encoding.ASCII.GetString(record.RequestLine)}\"");
        }

        public void Write(in TcpAccessRecord record) => Lines.Enqueue(
            $"{record.Frontend} {record.Backend}/{record.Server} tcp {record.Termination}; tw={record.QueueTime} tc={record.ConnectTime} " +
            $"tt={record.TotalTime} out={record.BytesRead} in={record.BytesUploaded}");
    }
}
