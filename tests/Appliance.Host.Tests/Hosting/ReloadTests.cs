using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.RegularExpressions;
using Appliance.Host.Tests.Cli;
using Appliance.Tests.Common;
using Appliance.Tests.Common.Http;
using Xunit.Abstractions;

namespace Appliance.Host.Tests.Hosting;

/// <summary>Reloads of the real process: SIGHUP re-reads the file; a bad file is refused; load sees no error.</summary>
public sealed class ReloadTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Sighup_InvalidFile_RefusedWithDiagnosticsAndStillServing()
    {
        await using var backend = await TestHttpBackend.StartAsync("web0");
        var port = TcpClientHelper.FreePort();
        var path = CheckCommandTests.WriteTemp(Config(port, [backend.Port], "v1"));
        using var state = new TempDirectory();
        using var appliance = ApplianceProcess.Start("run", "-f", path, "--state-dir", state.Path);
        await appliance.WaitForLineAsync("serving", Timeout);

        await File.WriteAllTextAsync(path, Config(port, [backend.Port], "v2").Replace("balance roundrobin", "balance round robin", StringComparison.Ordinal));
        appliance.Signal("HUP");

        var refused = await appliance.WaitForLineAsync("reload refused", Timeout);
        Assert.Contains("1 error(s)", refused, StringComparison.Ordinal);
        Assert.Contains($"{path}:", appliance.Output, StringComparison.Ordinal);
        using var client = new HttpClient();
        using var response = await client.GetAsync(new Uri($"http://127.0.0.1:{port}/"));
        Assert.Equal("v1", response.Headers.GetValues("X-Config").Single());
    }

    [Fact]
    public async Task Sighup_ChangedLogLineAndFormat_NewTargetGetsTheNewFormatOldOneCloses()
    {
        await using var backend = await TestHttpBackend.StartAsync("web0");
        using var first = UdpReceiver(out var firstPort);
        using var second = UdpReceiver(out var secondPort);
        var port = TcpClientHelper.FreePort();
        var path = CheckCommandTests.WriteTemp(LoggingConfig(port, backend.Port, firstPort, "option httplog"));
        using var state = new TempDirectory();
        using var appliance = ApplianceProcess.Start("run", "-f", path, "--state-dir", state.Path);
        await appliance.WaitForLineAsync("serving", Timeout);
        using var client = new HttpClient();

        await client.GetStringAsync(new Uri($"http://127.0.0.1:{port}/"));
        Assert.Matches(@"^<134>\w{3} [ \d]\d \d\d:\d\d:\d\d haproxy\[\d+\]: 127\.0\.0\.1:\d+ \[.*\] www web/web0 \d+/\d+/\d+/\d+/\d+ 200 .*""GET / HTTP/1\.1""\n$",
            await ReceiveAsync(first, "GET /"));

        await File.WriteAllTextAsync(path, LoggingConfig(port, backend.Port, secondPort, "log-format \"%ci %b/%s %ST %HP\""));
        var lines = appliance.LineCount;
        appliance.Signal("HUP");
        var reloaded = await appliance.WaitForLineAsync("configuration reloaded", Timeout, after: lines);
        Assert.Contains("syslog: 0 target(s) kept, 1 added, 1 closed (127.0.0.1:" + firstPort.ToString(CultureInfo.InvariantCulture) + ": ", reloaded, StringComparison.Ordinal);

        await client.GetStringAsync(new Uri($"http://127.0.0.1:{port}/"));
        Assert.EndsWith("]: 127.0.0.1 web/web0 200 /\n", await ReceiveAsync(second, "web/web0 200"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReloadEvery2sFor60s_UnderWrkNewConnectionPerRequest_NoErrorAndWebSocketSurvives()
    {
        Assert.True(File.Exists("/usr/bin/wrk"), "wrk is not installed (.ci/run installs it)");
        await using var web0 = await TestHttpBackend.StartAsync("web0");
        await using var web1 = await TestHttpBackend.StartAsync("web1");
        var port = TcpClientHelper.FreePort();
        var path = CheckCommandTests.WriteTemp(Config(port, [web0.Port], "v0"));
        using var state = new TempDirectory();
        using var appliance = ApplianceProcess.Start("run", "-f", path, "--state-dir", state.Path);
        await appliance.WaitForLineAsync("serving", Timeout);
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri($"ws://127.0.0.1:{port}/ws"), CancellationToken.None);
        Assert.Equal("web0:before", await EchoAsync(socket, "before"));

        var wrk = RunWrkAsync(port, TimeSpan.FromSeconds(60));
        var reloads = 0;
        for (var elapsed = TimeSpan.Zero; elapsed < TimeSpan.FromSeconds(58); elapsed += TimeSpan.FromSeconds(2))
        {
            await Task.Delay(TimeSpan.FromSeconds(2));
            reloads++;
            var servers = reloads % 2 == 0 ? new[] { web0.Port } : [web0.Port, web1.Port];
            await File.WriteAllTextAsync(path, Config(port, servers, $"v{reloads}"));
            var lines = appliance.LineCount;
            appliance.Signal("HUP");
            await appliance.WaitForLineAsync("configuration reloaded", Timeout, after: lines);
        }

        var (requests, socketErrors, non2xx, text) = await wrk;
        output.WriteLine(text);
        output.WriteLine($"{reloads} reloads, {requests} requests");
        Assert.True(reloads >= 28, $"only {reloads} reloads");
        Assert.True(requests > 1000, $"only {requests} requests:\n{text}");
        Assert.Equal((0, 0), (socketErrors, non2xx));
        Assert.Equal("web0:after", await EchoAsync(socket, "after"));
    }

    private static string LoggingConfig(int port, int backend, int syslogPort, string format) => $"""
        global
            log 127.0.0.1:{syslogPort} local0
        defaults
            mode http
            log global
            timeout connect 2s
            timeout client 30s
            timeout server 30s
        frontend www
            bind 127.0.0.1:{port}
            {format}
            default_backend web
        backend web
            server web0 127.0.0.1:{backend}
        """;

    private static System.Net.Sockets.Socket UdpReceiver(out int port)
    {
        var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Dgram, System.Net.Sockets.ProtocolType.Udp);
        socket.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        port = ((System.Net.IPEndPoint)socket.LocalEndPoint!).Port;
        return socket;
    }

    /// <summary>The first datagram containing <paramref name="marker"/> (appliance events may come before it).</summary>
    private static async Task<string> ReceiveAsync(System.Net.Sockets.Socket socket, string marker)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        var buffer = new byte[4096];
        while (true)
        {
            var n = await socket.ReceiveAsync(buffer, System.Net.Sockets.SocketFlags.None, timeout.Token);
            var text = Encoding.UTF8.GetString(buffer, 0, n);
            if (text.Contains(marker, StringComparison.Ordinal))
            {
                return text;
            }
        }
    }

    private static string Config(int port, int[] servers, string version) => $"""
        defaults
            mode http
            timeout connect 2s
            timeout client 30s
            timeout server 30s
            timeout tunnel 1h
        frontend www
            bind 127.0.0.1:{port}
            http-response set-header X-Config {version}
            default_backend web
        backend web
            balance roundrobin
        {string.Join('\n', servers.Select((p, i) => $"    server web{i} 127.0.0.1:{p}"))}
        """ + "\n";

    private static async Task<string> EchoAsync(ClientWebSocket socket, string text)
    {
        await socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);
        var buffer = new byte[1024];
        var received = await socket.ReceiveAsync(buffer, CancellationToken.None).WaitAsync(Timeout);
        return Encoding.UTF8.GetString(buffer, 0, received.Count);
    }

    /// <summary>wrk with a new connection per request; returns requests, socket errors (all kinds) and non-2xx responses.</summary>
    private static async Task<(long Requests, long SocketErrors, long Non2xx, string Text)> RunWrkAsync(int port, TimeSpan duration)
    {
        var info = new System.Diagnostics.ProcessStartInfo("/usr/bin/wrk") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-t1", "-c8", $"-d{(int)duration.TotalSeconds}s", "-H", "Connection: close", $"http://127.0.0.1:{port}/" })
        {
            info.ArgumentList.Add(arg);
        }

        using var process = System.Diagnostics.Process.Start(info)!;
        var text = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var requests = long.Parse(Regex.Match(text, @"(\d+) requests in").Groups[1].Value, CultureInfo.InvariantCulture);
        var errors = Regex.Match(text, @"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)");
        var socketErrors = errors.Success ? Enumerable.Range(1, 4).Sum(i => long.Parse(errors.Groups[i].Value, CultureInfo.InvariantCulture)) : 0;
        var non2xx = Regex.Match(text, @"Non-2xx or 3xx responses: (\d+)") is { Success: true } m ? long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        return (requests, socketErrors, non2xx, text);
    }
}
