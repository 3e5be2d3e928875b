using System.Net;
using System.Text;
using Appliance.ProxyCore.Logging;
using static Appliance.ProxyCore.Tests.Logging.LogTestData;

namespace Appliance.ProxyCore.Tests.Logging;

/// <summary>
/// <c>log-format</c> lines against what Debian's haproxy 2.6 wrote for the same requests with the same format and
/// captures (run side by side with a Python backend on 127.0.0.1, UTC, syslog received on a UDP socket).
/// </summary>
public sealed class LogLineFormatTests
{
    /// <summary>Every supported variable haproxy was run with, plus a run of spaces and a quoted method.</summary>
    private const string Custom =
        "%ci:%cp [%t] %ft %b/%s %TR/%Tw/%Tc/%Tr/%Ta %ST %B %U %CC %CS %tsc %ac/%fc/%bc/%sc/%rc %sq/%bq %hr %hs %hrl %hsl %{+Q}r " +
        "%HM %HU %HP %HQ %HV %si:%sp %fi:%fp %f %b %s %{+Q}HM   %Tt %Tw %ts";

    private static readonly HeaderCapture[] RequestCaptures = [new("Host", 20), new("User-Agent", 5)];
    private static readonly HeaderCapture[] ResponseCaptures = [new("Content-Type", 12), new("X-Odd", 20)];

    [Fact]
    public void Format_EveryVariableWithCaptures_MatchesHaproxy26()
    {
        var record = Custom1("GET /a/b?x=1&y=%22q HTTP/1.1"u8, 55632, new(2026, 11, 22, 5, 23, 25, 645, TimeSpan.Zero), "127.0.0.1:25141", 96, 2);

        Assert.Equal(
            "127.0.0.1:55632 [22/Nov/2026:05:23:25.645] fe_custom be/s1 0/0/0/2/2 200 177 96 - - ---- 1/1/0/0/0 0/0 " +
            "{127.0.0.1:25141|curl/} {text/plain; |a#7Cb#7Bc#7D#22d} 127.0.0.1:25141 curl/ text/plain;  a#7Cb#7Bc#7D#22d " +
            "\"GET /a/b?x=1&y=%22q HTTP/1.1\" GET /a/b?x=1&y=%22q /a/b ?x=1&y=%22q HTTP/1.1 127.0.0.1:25144 127.0.0.1:25141 " +
            "fe_custom be s1 \"GET\" 2 0 --",
            Format(Custom, record));
    }

    [Fact]
    public void Format_EscapedCaptureAndNoQuery_MatchesHaproxy26()
    {
        var record = Custom1("GET / HTTP/1.1"u8, 55644, new(2026, 11, 22, 5, 23, 25, 736, TimeSpan.Zero), "h|x{y}", 73, 0);

        // An empty %HQ still counts as a value: the spaces around it both stay, as in haproxy's line.
        Assert.Equal(
            "127.0.0.1:55644 [22/Nov/2026:05:23:25.736] fe_custom be/s1 0/0/0/0/0 200 177 73 - - ---- 1/1/0/0/0 0/0 " +
            "{h#7Cx#7By#7D|curl/} {text/plain; |a#7Cb#7Bc#7D#22d} h#7Cx#7By#7D curl/ text/plain;  a#7Cb#7Bc#7D#22d " +
            "\"GET / HTTP/1.1\" GET / /  HTTP/1.1 127.0.0.1:25144 127.0.0.1:25141 fe_custom be s1 \"GET\" 0 0 --",
            Format(Custom, record));
    }

    [Fact]
    public void Format_HttplogWithCaptures_MatchesHaproxy26()
    {
        var request = Captured([new("Host", 20)], "example.com:8080");
        var response = Captured([new("Content-Type", 12)], "text/plain; charset=utf-8");
        var record = Ok("GET /p?q HTTP/1.1"u8) with
        {
            Client = new IPEndPoint(IPAddress.Loopback, 35726),
            RequestDate = new(2026, 11, 22, 5, 23, 25, 684, TimeSpan.Zero),
            Frontend = "fe_httplog",
            ResponseTime = 8,
            ActiveTime = 8,
            BytesRead = 177,
            RequestCaptures = request,
            ResponseCaptures = response,
        };

        Assert.Equal(
            "127.0.0.1:35726 [22/Nov/2026:05:23:25.684] fe_httplog be/s1 0/0/0/8/8 200 177 - - ---- 1/1/0/0/0 0/0 {example.com:8080} {text/plain; } \"GET /p?q HTTP/1.1\"",
            Http(record));
    }

    [Fact]
    public void Format_NoCaptures_EmptyHeaderFieldsLeaveOneSpace()
    {
        // haproxy 2.6 with "%ci %hr %hs %{+Q}hrl %ST" and no capture line wrote "127.0.0.1 200".
        Assert.Equal("127.0.0.1 200", Format("%ci %hr %hs %{+Q}hrl %ST", Ok("GET / HTTP/1.1"u8)));
    }

    [Fact]
    public void Format_AbsentCapturedHeader_EmptyInBracesDashInList()
    {
        var request = new CapturedHeaders([new("Host", 20), new("X-Missing", 8)]);
        request.Set(0, "h"u8);

        var record = Ok("GET / HTTP/1.1"u8) with { RequestCaptures = request };

        Assert.Equal("{h|} h - \"h\" \"\"", Format("%hr %hrl %{+Q}hrl", record));
    }

    [Fact]
    public void Format_GmtLocalAndUnixDates_HaproxyShapes()
    {
        var zone = TimeZoneInfo.CreateCustomTimeZone("plus2", TimeSpan.FromHours(2), "plus2", "plus2");
        var record = Ok("GET / HTTP/1.1"u8) with { RequestDate = new(2026, 11, 22, 5, 23, 25, 64, TimeSpan.Zero) };

        Assert.Equal(
            "22/Nov/2026:05:23:25 +0000 22/Nov/2026:07:23:25 +0200 1795325005 064 22/Nov/2026:07:23:25.064",
            Format("%T %Tl %Ts %ms %tr", record, zone));
    }

    [Fact]
    public void Format_NoServer_DashForAddressAndPort()
    {
        var record = Ok(""u8) with { Server = null, ServerAddress = null, Status = 503 };

        Assert.Equal("be/<NOSRV> -:- \"<BADREQ>\" 503", Format("%b/%s %si:%sp %{+Q}r %ST", record));
    }

    [Fact]
    public void Format_TcpRecord_TotalTimeAndTwoCharacterState()
    {
        var record = new TcpAccessRecord
        {
            Client = Client,
            AcceptDate = At(3, 38, 31, 278),
            Frontend = "fe_tcp",
            Backend = "be",
            Server = "s1",
            ServerAddress = IPAddress.Loopback,
            ServerPort = 9000,
            QueueTime = 0,
            ConnectTime = 1,
            TotalTime = 40,
            BytesRead = 12,
            BytesUploaded = 5,
            Termination = TerminationState.EndedBy(TerminationCause.ClientAbort, SessionPhase.Data),
        };

        Assert.Equal("[22/Nov/2026:03:38:31.278] be/s1 127.0.0.1:9000 0/1/40 12 5 CD", Format("[%t] %b/%s %si:%sp %Tw/%Tc/%Tt %B %U %ts", HttpAccessRecord.From(record), http: false));
    }

    [Fact]
    public void Format_BufferTooSmall_CutAtItsLength()
    {
        var buffer = new byte[10];

        var n = LogLineFormat.HttpLog.Format(Ok("GET / HTTP/1.1"u8), TimeZoneInfo.Utc, buffer);

        Assert.Equal("127.0.0.1:", Encoding.ASCII.GetString(buffer, 0, n));
    }

    private static HttpAccessRecord Custom1(ReadOnlySpan<byte> line, int port, DateTimeOffset date, string host, long uploaded, int responseTime)
    {
        var request = new CapturedHeaders(RequestCaptures);
        request.Set(0, Encoding.ASCII.GetBytes(host));
        request.Set(1, "curl/7.88.1"u8);
        var response = new CapturedHeaders(ResponseCaptures);
        response.Set(0, "text/plain; charset=utf-8"u8);
        response.Set(1, "a|b{c}\"d"u8);
        return Ok(line) with
        {
            Client = new IPEndPoint(IPAddress.Loopback, port),
            FrontendEndPoint = new IPEndPoint(IPAddress.Loopback, 25141),
            RequestDate = date,
            Frontend = "fe_custom",
            ServerAddress = IPAddress.Loopback,
            ServerPort = 25144,
            ResponseTime = responseTime,
            ActiveTime = responseTime,
            BytesRead = 177,
            BytesUploaded = uploaded,
            RequestCaptures = request,
            ResponseCaptures = response,
        };
    }

    private static CapturedHeaders Captured(HeaderCapture[] captures, string value)
    {
        var headers = new CapturedHeaders(captures);
        headers.Set(0, Encoding.ASCII.GetBytes(value));
        return headers;
    }

    private static string Format(string format, in HttpAccessRecord record, TimeZoneInfo? zone = null, bool http = true)
    {
        var compiled = LogLineFormatParser.Parse(format, "'log-format' in frontend 'fe'", http, out var error);
        Assert.True(compiled is not null, error);
        var buffer = new byte[4096];
        var n = compiled.Format(record, zone ?? TimeZoneInfo.Utc, buffer);
        return Encoding.UTF8.GetString(buffer, 0, n);
    }
}
