using System.Diagnostics;
using System.Net;
using System.Text;
using Appliance.Host.Logging;
using Appliance.ProxyCore.Logging;

namespace Appliance.Host.Tests.Logging;

/// <summary>HAProxy's own log analyser (Debian's haproxy package ships halog) reads the lines we write.</summary>
public sealed class HalogTests
{
    private const string Binary = "/usr/sbin/halog";

    private static readonly DateTimeOffset Start = new(2026, 11, 22, 3, 38, 0, TimeSpan.Zero);

    [Fact]
    public void Halog_StatusCounts_CountsEveryGeneratedLine()
    {
        var output = Run(Generate(), "-st");

        Assert.Equal("200 70\n400 10\n503 20\n", output);
    }

    [Fact]
    public void Halog_PerServer_RequestsErrorsAndTimes()
    {
        var output = Run(Generate(), "-srv");

        var rows = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith('#')).Select(l => l.Split(' ')).ToDictionary(f => f[0]);
        // Fields: name 1xx 2xx 3xx 4xx 5xx other tot_req req_ok pct_ok avg_ct avg_rt
        Assert.Equal(["be/s1", "0", "50", "0", "0", "0", "0", "50", "50", "100.0", "2", "20"], rows["be/s1"]);
        Assert.Equal(["be/s2", "0", "20", "0", "0", "20", "0", "40", "20", "50.0"], rows["be/s2"][..10]);
        Assert.Equal(["fe/<NOSRV>", "0", "0", "0", "10", "0", "0", "10", "0", "0.0"], rows["fe/<NOSRV>"][..10]);
    }

    [Fact]
    public void Halog_TerminationCodes_CountsEachCode()
    {
        Assert.Equal("-- 70\nCR 10\nSC 20\n", Run(Generate(), "-tc"));
    }

    [Fact]
    public void Halog_AcceptDateGaps_ReportsTheBurstAfterAPause()
    {
        var output = Run(Generate(), "-ad", "10");

        // The first line after the pause: its time, milliseconds since midnight, the gap, accepts in that millisecond.
        Assert.Equal("03:38:00.110 13080110 51 1\n", output);
    }

    [Theory]
    [InlineData("-st")]
    [InlineData("-srv")]
    [InlineData("-tc")]
    [InlineData("-u")]
    public void Halog_LinesWithHeaderCaptures_ReadAsWithout(string option)
    {
        // Captures add "{www.example.com|curl/8.0} {text/html; charset=utf-8}" before the request: halog skips them.
        var output = Run(Generate(captures: true), option);

        Assert.NotEmpty(output);
        Assert.Equal(Run(Generate(), option), output);
    }

    /// <summary>
    /// 100 httplog lines with syslog headers as rsyslog writes them: be/s1 50 x 200 (Tc 2, Tr 20), be/s2 20 x 200 and
    /// 20 x 503 SC--, and 10 refused requests 400 CR-- without a server; one request per millisecond, with a
    /// 51 ms pause before the 61st.
    /// </summary>
    private static string Generate(bool captures = false)
    {
        var request = new CapturedHeaders([new HeaderCapture("Host", 64), new HeaderCapture("User-Agent", 64)]);
        request.Set(0, "www.example.com"u8);
        request.Set(1, "curl/8.0"u8);
        var response = new CapturedHeaders([new HeaderCapture("Content-Type", 64)]);
        response.Set(0, "text/html; charset=utf-8"u8);
        var text = new StringBuilder();
        var buffer = new byte[2048];
        var message = new byte[1024];
        var identity = new SyslogIdentity(null, "haproxy");
        for (var i = 0; i < 100; i++)
        {
            var date = Start.AddMilliseconds(i < 60 ? i : i + 50);
            var (server, status, termination) = i switch
            {
                < 50 => ("s1", 200, TerminationState.Normal),
                < 70 => ("s2", 200, TerminationState.Normal),
                < 90 => ("s2", 503, TerminationState.EndedBy(TerminationCause.ServerAbort, SessionPhase.Connect)),
                _ => ((string?)null, 400, TerminationState.EndedBy(TerminationCause.ClientAbort, SessionPhase.Request)),
            };
            var record = new HttpAccessRecord
            {
                Client = new IPEndPoint(IPAddress.Parse("10.0.0.1"), 40000 + i),
                RequestDate = date,
                Frontend = "fe",
                Backend = server is null ? null : "be",
                Server = server,
                RequestTime = server is null ? -1 : 0,
                QueueTime = server is null ? -1 : 0,
                ConnectTime = server is null || status == 503 ? -1 : 2,
                ResponseTime = server is null || status == 503 ? -1 : 20,
                ActiveTime = 25,
                Status = status,
                BytesRead = 100,
                Termination = termination,
                RequestCaptures = captures ? request : null,
                ResponseCaptures = captures ? response : null,
                RequestLine = server is null ? [] : Encoding.ASCII.GetBytes($"GET /item/{i % 7} HTTP/1.1"),
            };
            var n = HttpLogFormatter.Format(record, TimeZoneInfo.Utc, message);
            var header = new SyslogHeader(SyslogFormat.Rfc3164, SyslogFacility.Local0, SyslogSeverity.Info, date, identity, 1234, "-");
            var length = SyslogFrameFormatter.Write(buffer, header, message.AsSpan(0, n), buffer.Length);
            var line = Encoding.ASCII.GetString(buffer, 0, length);
            text.Append(line[(line.IndexOf('>', StringComparison.Ordinal) + 1)..]).Append('\n');
        }

        return text.ToString();
    }

    private static string Run(string input, params string[] args)
    {
        if (!File.Exists(Binary))
        {
            // Debian's haproxy package ships halog; .ci/run installs it.
            Assert.Fail("halog is not installed (apt-get install haproxy): the log analyser test cannot run");
        }

        var info = new ProcessStartInfo(Binary) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(input);
        process.StandardInput.Close();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, stderr.Result);
        return stdout.Result;
    }
}
