using System.Net;
using Appliance.ProxyCore.Configuration;
using Appliance.ProxyCore.Logging;
using Appliance.ProxyCore.Tests.Configuration;
using static Appliance.ProxyCore.Tests.Logging.LogTestData;

namespace Appliance.ProxyCore.Tests.Logging;

public sealed class AccessLogTests
{
    private readonly Dictionary<string, RecordingWriter> _writers = [];

    [Fact]
    public void Write_HttpLog_FormatsHttplogAtInfoToEachTarget()
    {
        var log = Build("option httplog", "log global\n    log 127.0.0.2 local1");

        log.Write(Ok("GET / HTTP/1.1"u8));

        var expected = "127.0.0.1:33628 [22/Nov/2026:03:38:31.278] fe_http be/s1 0/0/0/0/0 200 119 - - ---- 1/1/0/0/0 0/0 \"GET / HTTP/1.1\"";
        Assert.Equal([(SyslogSeverity.Info, expected)], _writers["127.0.0.1"].Lines);
        Assert.Equal([(SyslogSeverity.Info, expected)], _writers["127.0.0.2"].Lines);
    }

    [Fact]
    public void Write_TcpLogOnHttpFrontend_FormatsTcplog()
    {
        var log = Build("option tcplog", "log global");

        log.Write(Ok("GET / HTTP/1.1"u8));

        Assert.Equal("127.0.0.1:33628 [22/Nov/2026:03:38:31.278] fe_http be/s1 0/0/0 119 -- 1/1/0/0/0 0/0", Assert.Single(_writers["127.0.0.1"].Lines).Line);
    }

    [Fact]
    public void Write_NoFormatOption_HaproxyDefaultLine()
    {
        var log = Build("", "log global");

        log.Write(Ok("GET / HTTP/1.1"u8) with { FrontendEndPoint = new IPEndPoint(IPAddress.Loopback, 18083) });

        Assert.Equal("Connect from 127.0.0.1:33628 to 127.0.0.1:18083 (fe_http/HTTP)", Assert.Single(_writers["127.0.0.1"].Lines).Line);
    }

    [Fact]
    public void Write_TcpRecordOnHttplogFrontend_FormatsTcplog()
    {
        var log = Build("option httplog", "log global", mode: "tcp");

        log.Write(new TcpAccessRecord { Client = Client, AcceptDate = At(3, 38, 31, 278), Frontend = "fe_http", TotalTime = 5, BytesUploaded = 1 });

        Assert.Equal("127.0.0.1:33628 [22/Nov/2026:03:38:31.278] fe_http fe_http/<NOSRV> -1/-1/5 0 -- 0/0/0/0/0 0/0", Assert.Single(_writers["127.0.0.1"].Lines).Line);
    }

    [Fact]
    public void Write_DontLogNullAndClientSentNothing_Skipped()
    {
        var log = Build("option httplog\n    option dontlognull", "log global");

        log.Write(Ok([]) with { BytesUploaded = 0, Termination = TerminationState.EndedBy(TerminationCause.ClientAbort, SessionPhase.Request) });
        log.Write(Ok("GET / HTTP/1.1"u8) with { BytesUploaded = 1 });

        Assert.Single(_writers["127.0.0.1"].Lines);
    }

    [Fact]
    public void Write_WithoutDontLogNull_EmptyConnectionLogged()
    {
        var log = Build("option httplog", "log global");

        log.Write(Ok([]) with { BytesUploaded = 0 });

        Assert.Single(_writers["127.0.0.1"].Lines);
    }

    [Theory]
    [InlineData(200, 0, false, TerminationCause.None, SyslogSeverity.Info)]
    [InlineData(503, 0, false, TerminationCause.None, SyslogSeverity.Err)]
    [InlineData(200, 1, false, TerminationCause.None, SyslogSeverity.Err)]
    [InlineData(200, 1, true, TerminationCause.None, SyslogSeverity.Err)]
    [InlineData(200, 0, false, TerminationCause.ClientAbort, SyslogSeverity.Err)]
    [InlineData(200, 0, false, TerminationCause.Local, SyslogSeverity.Info)]
    public void Write_LogSeparateErrors_ErrorsAtErr(int status, int retries, bool redispatched, TerminationCause cause, SyslogSeverity expected)
    {
        var log = Build("option httplog\n    option log-separate-errors", "log global");

        log.Write(Ok("GET / HTTP/1.1"u8) with
        {
            Status = status,
            Retries = retries,
            Redispatched = redispatched,
            Termination = TerminationState.EndedBy(cause, SessionPhase.Data),
        });

        Assert.Equal(expected, Assert.Single(_writers["127.0.0.1"].Lines).Severity);
    }

    [Fact]
    public void Write_ErrorWithoutSeparateErrors_Info()
    {
        var log = Build("option httplog", "log global");

        log.Write(Ok("GET / HTTP/1.1"u8) with { Status = 503 });

        Assert.Equal(SyslogSeverity.Info, Assert.Single(_writers["127.0.0.1"].Lines).Severity);
    }

    [Fact]
    public void IsEnabled_FrontendWithoutLogLine_FalseAndWriteDoesNothing()
    {
        var log = Build("option httplog", "description no log here");

        Assert.False(log.IsEnabled("fe_http"));
        log.Write(Ok("GET / HTTP/1.1"u8));
        Assert.Empty(_writers);
    }

    [Fact]
    public void IsEnabled_UnknownFrontend_False()
    {
        Assert.False(Build("option httplog", "log global").IsEnabled("other"));
    }

    [Fact]
    public void Plan_SameTargetViaGlobalAndOwnLine_OneWriter()
    {
        var log = Build("option httplog", "log global\n    log global");

        log.Write(Ok("GET / HTTP/1.1"u8));

        Assert.Single(_writers["127.0.0.1"].Lines);
    }

    [Fact]
    public void Write_LongRequestLine_CutAtLargestTargetLen()
    {
        var log = Build("option httplog", "log 127.0.0.3 len 100 local0");
        var target = new string('a', 500);

        log.Write(Ok(System.Text.Encoding.ASCII.GetBytes($"GET /{target} HTTP/1.1")));

        Assert.Equal(100, Assert.Single(_writers["127.0.0.3"].Lines).Line.Length);
    }

    [Fact]
    public void Write_WarmedUp_AllocatesNothingPerLine()
    {
        var log = Build("option httplog", "log global");
        var writer = _writers["127.0.0.1"];
        log.Write(Ok("GET / HTTP/1.1"u8));
        writer.Lines.Capacity = 1000;

        var before = GC.GetAllocatedBytesForCurrentThread();
        log.Write(Ok("GET / HTTP/1.1"u8));
        var after = GC.GetAllocatedBytesForCurrentThread();

        // The recording writer allocates the string it keeps; measure that alone and subtract it.
        var stringBytes = GC.GetAllocatedBytesForCurrentThread();
        _ = System.Text.Encoding.UTF8.GetString("127.0.0.1:33628 [22/Nov/2026:03:38:31.278] fe_http be/s1 0/0/0/0/0 200 119 - - ---- 1/1/0/0/0 0/0 \"GET / HTTP/1.1\""u8);
        stringBytes = GC.GetAllocatedBytesForCurrentThread() - stringBytes;
        Assert.Equal(stringBytes, after - before);
    }

    private AccessLog Build(string options, string logLines, string mode = "http")
    {
        var result = ConfigTestHelper.Load($"""
            global
                log 127.0.0.1 local0
            defaults
                mode {mode}
                timeout connect 5s
                timeout client 5s
                timeout server 5s
            frontend fe_http
                bind :80
                {options}
                {logLines}
                default_backend be
            backend be
                server s1 127.0.0.1:8080
            """);
        Assert.DoesNotContain(result.Diagnostics, d => d.IsError);
        return new AccessLog(result.Config!, Writer, new UtcTimeProvider());
    }

    private RecordingWriter Writer(LogTarget target)
    {
        var writer = new RecordingWriter(target);
        _writers.Add(target.Address, writer);
        return writer;
    }

    /// <summary>The machine's own zone would make the expected dates depend on where the tests run.</summary>
    private sealed class UtcTimeProvider : TimeProvider
    {
        public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
    }
}
