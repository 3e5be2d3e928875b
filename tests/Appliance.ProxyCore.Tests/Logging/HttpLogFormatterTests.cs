using System.Net;
using Appliance.ProxyCore.Logging;
using static Appliance.ProxyCore.Tests.Logging.LogTestData;

namespace Appliance.ProxyCore.Tests.Logging;

public sealed class HttpLogFormatterTests
{
    [Fact]
    public void Format_CompletedRequest_MatchesHaproxyLine()
    {
        Assert.Equal(
            "127.0.0.1:33628 [22/Nov/2026:03:38:31.278] fe_http be/s1 0/0/0/0/0 200 119 - - ---- 1/1/0/0/0 0/0 \"GET /index.html?x=1 HTTP/1.1\"",
            Http(Ok("GET /index.html?x=1 HTTP/1.1"u8)));
    }

    [Fact]
    public void Format_ManualExample_MatchesSection823WithoutCaptures()
    {
        var record = Ok("GET /index.html HTTP/1.1"u8) with
        {
            Client = new IPEndPoint(IPAddress.Parse("10.0.1.2"), 33317),
            RequestDate = new DateTimeOffset(2009, 2, 6, 12, 14, 14, 655, TimeSpan.Zero),
            Frontend = "http-in",
            Backend = "static",
            Server = "srv1",
            RequestTime = 10,
            ConnectTime = 30,
            ResponseTime = 69,
            ActiveTime = 109,
            BytesRead = 2750,
            BackendConnections = 1,
            ServerConnections = 1,
        };

        Assert.Equal(
            "10.0.1.2:33317 [06/Feb/2009:12:14:14.655] http-in static/srv1 10/0/30/69/109 200 2750 - - ---- 1/1/1/1/0 0/0 \"GET /index.html HTTP/1.1\"",
            Http(record));
    }

    [Fact]
    public void Format_TlsFrontend_AppendsTilde()
    {
        var record = Ok("GET /t HTTP/1.1"u8) with
        {
            Client = new IPEndPoint(IPAddress.Loopback, 46082),
            RequestDate = At(3, 38, 36, 303),
            Frontend = "fe_tls",
            FrontendTls = true,
            ResponseTime = 1,
            ActiveTime = 1,
        };

        Assert.Equal(
            "127.0.0.1:46082 [22/Nov/2026:03:38:36.303] fe_tls~ be/s1 0/0/0/1/1 200 119 - - ---- 1/1/0/0/0 0/0 \"GET /t HTTP/1.1\"",
            Http(record));
    }

    [Theory]
    [InlineData(TerminationCause.ClientAbort, 209, 400, "-1/-1/-1/-1/209 400 0 - - CR--")]
    [InlineData(TerminationCause.ProxyAbort, 0, 400, "-1/-1/-1/-1/0 400 0 - - PR--")]
    [InlineData(TerminationCause.ClientTimeout, 1001, 408, "-1/-1/-1/-1/1001 408 0 - - cR--")]
    public void Format_RefusedRequest_NoServerMinusOneTimersAndBadReq(TerminationCause cause, int active, int status, string middle)
    {
        var record = new HttpAccessRecord
        {
            Client = Client,
            RequestDate = At(3, 38, 36, 461),
            Frontend = "fe_http",
            ActiveTime = active,
            Status = status,
            Termination = TerminationState.EndedBy(cause, SessionPhase.Request),
            ActiveConnections = 1,
            FrontendConnections = 1,
        };

        Assert.Equal($"127.0.0.1:33628 [22/Nov/2026:03:38:36.461] fe_http fe_http/<NOSRV> {middle} 1/1/0/0/0 0/0 \"<BADREQ>\"", Http(record));
    }

    [Fact]
    public void Format_ServerRefusedAfterRetries_MatchesHaproxyLine()
    {
        var record = Ok("GET /index.html?x=1 HTTP/1.1"u8) with
        {
            Client = new IPEndPoint(IPAddress.Loopback, 50962),
            RequestDate = At(3, 38, 5, 30),
            ConnectTime = -1,
            ResponseTime = -1,
            ActiveTime = 3007,
            Status = 503,
            BytesRead = 217,
            Termination = TerminationState.EndedBy(TerminationCause.ServerAbort, SessionPhase.Connect),
            Retries = 3,
        };

        Assert.Equal(
            "127.0.0.1:50962 [22/Nov/2026:03:38:05.030] fe_http be/s1 0/0/-1/-1/3007 503 217 - - SC-- 1/1/0/0/3 0/0 \"GET /index.html?x=1 HTTP/1.1\"",
            Http(record));
    }

    [Fact]
    public void Format_CookiesRedispatchAndQueues_WritesCapturesFlagsPlusAndQueues()
    {
        var record = Ok("GET / HTTP/1.1"u8) with
        {
            RequestCookie = "SRV=s1",
            ResponseCookie = "SRV=s2",
            Termination = new TerminationState(TerminationCause.None, SessionPhase.None, ClientCookieState.Down, ServerCookieAction.Inserted),
            Retries = 3,
            Redispatched = true,
            ServerQueue = 4,
            BackendQueue = 7,
        };

        Assert.Equal(
            "127.0.0.1:33628 [22/Nov/2026:03:38:31.278] fe_http be/s1 0/0/0/0/0 200 119 SRV=s1 SRV=s2 --DI 1/1/0/0/+3 4/7 \"GET / HTTP/1.1\"",
            Http(record));
    }

    [Fact]
    public void Format_NonPrintableQuoteAndHashInRequestLine_EscapedAsHashHex()
    {
        Assert.EndsWith("\"GET /a#23b?q=#22x#22 HTTP/1.1#01#7F#C3#A9\"", Http(Ok("GET /a#b?q=\"x\" HTTP/1.1\u0001\u007f\u00e9"u8)), StringComparison.Ordinal);
    }

    [Fact]
    public void Format_LocalTimeZone_DateInThatZone()
    {
        var zone = TimeZoneInfo.CreateCustomTimeZone("plus-one", TimeSpan.FromHours(1), "plus-one", "plus-one");

        Assert.StartsWith("127.0.0.1:33628 [22/Nov/2026:04:38:31.278] ", Http(Ok("GET / HTTP/1.1"u8), zone), StringComparison.Ordinal);
    }

    [Fact]
    public void Format_IPv6Client_AddressWithoutBrackets()
    {
        var record = Ok("GET / HTTP/1.1"u8) with { Client = new IPEndPoint(IPAddress.IPv6Loopback, 40000) };

        Assert.StartsWith("::1:40000 [", Http(record), StringComparison.Ordinal);
    }

    [Fact]
    public void Format_BufferTooSmall_CutAtBufferLength()
    {
        var line = Http(Ok("GET /index.html?x=1 HTTP/1.1"u8), size: 40);

        Assert.Equal("127.0.0.1:33628 [22/Nov/2026:03:38:31.27", line);
    }

    [Fact]
    public void Format_WarmedUp_AllocatesNothing()
    {
        var buffer = new byte[1024];
        var record = Ok("GET /index.html?x=1 HTTP/1.1"u8) with { RequestCookie = "a=b", Redispatched = true };
        HttpLogFormatter.Format(record, TimeZoneInfo.Utc, buffer);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            HttpLogFormatter.Format(record, TimeZoneInfo.Utc, buffer);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
