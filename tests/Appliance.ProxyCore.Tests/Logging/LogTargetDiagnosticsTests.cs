using Appliance.ProxyCore.Tests.Configuration;

namespace Appliance.ProxyCore.Tests.Logging;

public sealed class LogTargetDiagnosticsTests
{
    private const string Proxy = """
        defaults
            mode http
            timeout connect 5s
            timeout client 5s
            timeout server 5s
        frontend fe
            bind :80
            option httplog
            LOGLINE
            default_backend be
        backend be
            server s1 127.0.0.1:8080
        """;

    private static List<string> GlobalLog(string line) => Load($"global\n    {line}\n", "log global");

    /// <summary>The global section text, then <see cref="Proxy"/> with <paramref name="frontendLine"/> on line 11 (with a global line).</summary>
    private static List<string> Load(string global, string frontendLine, string defaultsExtra = "") =>
        ConfigTestHelper.Diagnostics(global + Proxy.Replace("LOGLINE", frontendLine, StringComparison.Ordinal)
            .Replace("    mode http\n", "    mode http\n" + defaultsExtra, StringComparison.Ordinal));

    [Theory]
    [InlineData("log 127.0.0.1 local0")]
    [InlineData("log 127.0.0.1:5140 len 4096 format rfc5424 local0 info notice")]
    [InlineData("log udp@[::1]:514 format rfc3164 daemon")]
    [InlineData("log tcp@127.0.0.1:601 format short user err")]
    [InlineData("log /dev/log local0 notice")]
    [InlineData("log stdout format raw daemon")]
    [InlineData("log stderr local7")]
    [InlineData("log syslog.example.net:514 local1")]
    public void Validate_GoodLogLine_NoDiagnostic(string line)
    {
        Assert.Empty(GlobalLog(line));
    }

    [Theory]
    [InlineData("log ring@buf local0",
        "'log' target 'ring@buf' is not supported; use IP[:PORT], udp@IP[:PORT], tcp@IP:PORT, a UNIX datagram socket path such as '/dev/log', 'stdout' or 'stderr'")]
    [InlineData("log fd@3 local0",
        "'log' target 'fd@3' is not supported; use IP[:PORT], udp@IP[:PORT], tcp@IP:PORT, a UNIX datagram socket path such as '/dev/log', 'stdout' or 'stderr'")]
    [InlineData("log tcp@127.0.0.1 local0", "'log' target 'tcp@127.0.0.1' needs a port: TCP syslog has no default port here (e.g. 'tcp@127.0.0.1:601')")]
    [InlineData("log 127.0.0.1:99999 local0", "'log' target '127.0.0.1:99999' is not a valid address: expects a port from 1 to 65535 (got '99999')")]
    [InlineData("log 300.1.1.1 local0", "'log' target '300.1.1.1' is not a valid address: '300.1.1.1' is neither an IP address nor a host name")]
    [InlineData("log 127.0.0.1 len 79 local0", "'log' target '127.0.0.1': 'len' expects an integer from 80 to 65535 (got '79')")]
    [InlineData("log 127.0.0.1 len big local0", "'log' target '127.0.0.1': 'len' expects an integer from 80 to 65535 (got 'big')")]
    [InlineData("log 127.0.0.1 format rfc5242 local0",
        "'log' target '127.0.0.1': 'format' expects one of 'local', 'rfc3164', 'rfc5424', 'priority', 'short', 'timed', 'iso' or 'raw' (got 'rfc5242'); did you mean 'rfc5424'?")]
    [InlineData("log 127.0.0.1 local0 inf",
        "'log' target '127.0.0.1': the level expects one of 'emerg', 'alert', 'crit', 'err', 'warning', 'notice', 'info' or 'debug' (got 'inf'); did you mean 'info'?")]
    [InlineData("log 127.0.0.1 local0 info loud",
        "'log' target '127.0.0.1': the minimum level expects one of 'emerg', 'alert', 'crit', 'err', 'warning', 'notice', 'info' or 'debug' (got 'loud')")]
    [InlineData("log 127.0.0.1 local0 info notice debug", "'log' target '127.0.0.1' expects at most FACILITY LEVEL MINLEVEL after its options (got an extra 'debug')")]
    [InlineData("log global", "'log global' is only meaningful in defaults, frontend, backend and listen sections")]
    public void Validate_BadGlobalLogLine_ErrorWithFileAndLine(string line, string message)
    {
        Assert.Equal([$"t.cfg:2: error: {message}"], GlobalLog(line));
    }

    [Fact]
    public void Validate_Sample_WarnsIgnored()
    {
        Assert.Equal(
            ["t.cfg:2: warning: 'log' target '127.0.0.1': 'sample' is not supported and is ignored; every line is sent"],
            GlobalLog("log 127.0.0.1 sample 1:2 local0"));
    }

    [Fact]
    public void Validate_BadLineInDefaults_ReportedOnce()
    {
        var diagnostics = Load("", "description first", "    log 127.0.0.1 len 10 local0\n");

        Assert.Equal(["t.cfg:3: error: 'log' target '127.0.0.1': 'len' expects an integer from 80 to 65535 (got '10')"], diagnostics);
    }

    [Fact]
    public void Validate_LogGlobalWithArgumentsInProxy_Error()
    {
        Assert.Equal(
            ["t.cfg:11: error: 'log global' takes no other argument (got 'local0')"],
            Load("global\n    log 127.0.0.1 local0\n", "log global local0"));
    }

    [Fact]
    public void Validate_LogGlobalWithoutGlobalTargets_SilentAsHaproxy()
    {
        Assert.Empty(Load("", "log global"));
    }

    [Fact]
    public void Validate_LogFormatWithOptionHttplog_WarnsWhichWins()
    {
        Assert.Equal(
            ["t.cfg:11: warning: 'log-format' from t.cfg:11 takes precedence over 'option httplog'; put the format you want as a 'log-format' line in this section"],
            Load("global\n    log 127.0.0.1 local0\n", "log-format \"%ci %r\"\n    log global"));
    }

    [Fact]
    public void Validate_LogFormatUnsupportedVariable_ErrorAtItsLine()
    {
        Assert.Equal(
            ["t.cfg:11: error: 'log-format' in frontend 'fe': log-format variable '%ID' is not supported by this build (supported: see 'log-format' in docs/configuration.md)"],
            Load("global\n    log 127.0.0.1 local0\n", "log-format \"%ci %ID\"\n    log global").Where(d => d.Contains("error", StringComparison.Ordinal)));
    }

    [Fact]
    public void Validate_LogFormatInheritedFromDefaults_CheckedAgainstFrontendMode()
    {
        var diagnostics = ConfigTestHelper.Diagnostics(
            "defaults\n    mode tcp\n    log-format \"%ci %ST\"\n    timeout connect 5s\n    timeout client 5s\n    timeout server 5s\n" +
            "frontend fe\n    bind :80\n    default_backend be\nbackend be\n    server s1 127.0.0.1:8080\n");

        Assert.Equal(["t.cfg:3: error: 'log-format' in frontend 'fe': log-format variable '%ST' needs 'mode http' (the frontend is in TCP mode)"], diagnostics);
    }

    [Theory]
    [InlineData("capture request header Host", "t.cfg:11: error: 'capture' in frontend 'fe' expects 'request header NAME len N', 'response header NAME len N' or 'cookie NAME len N' (got 'request header Host')")]
    [InlineData("capture response header X len 0", "t.cfg:11: error: 'capture' in frontend 'fe': 'len' expects an integer from 1 to 65535 (got '0')")]
    [InlineData("capture cookie SID len 32", "t.cfg:11: warning: 'capture cookie' in frontend 'fe' is not supported yet and is ignored; '%CC' and '%CS' are logged as '-' (use 'capture request header Cookie len N')")]
    public void Validate_CaptureLine_Diagnostics(string line, string expected)
    {
        Assert.Equal([expected], Load("global\n    log 127.0.0.1 local0\n", line + "\n    log global"));
    }

    [Fact]
    public void Validate_CaptureHeaders_Accepted()
    {
        Assert.Empty(Load("global\n    log 127.0.0.1 local0\n", "capture request header Host len 64\n    capture response header Content-Type len 32\n    log global"));
    }
}
