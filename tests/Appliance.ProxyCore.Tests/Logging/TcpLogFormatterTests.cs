using System.Net;
using System.Text;
using Appliance.ProxyCore.Logging;
using static Appliance.ProxyCore.Tests.Logging.LogTestData;

namespace Appliance.ProxyCore.Tests.Logging;

public sealed class TcpLogFormatterTests
{
    [Fact]
    public void Format_ManualExample_MatchesSection822()
    {
        var record = new TcpAccessRecord
        {
            Client = new IPEndPoint(IPAddress.Parse("10.0.1.2"), 33313),
            AcceptDate = new DateTimeOffset(2009, 2, 6, 12, 12, 51, 443, TimeSpan.Zero),
            Frontend = "fnt",
            Backend = "bck",
            Server = "srv1",
            QueueTime = 0,
            ConnectTime = 0,
            TotalTime = 5007,
            BytesRead = 212,
            Retries = 3,
        };

        Assert.Equal("10.0.1.2:33313 [06/Feb/2009:12:12:51.443] fnt bck/srv1 0/0/5007 212 -- 0/0/0/0/3 0/0", Tcp(record));
    }

    [Fact]
    public void Format_ServerTimeout_MatchesHaproxyLine()
    {
        var record = new TcpAccessRecord
        {
            Client = new IPEndPoint(IPAddress.Loopback, 59326),
            AcceptDate = At(3, 38, 31, 288),
            Frontend = "fe_tcp",
            Backend = "be",
            Server = "s1",
            QueueTime = 0,
            ConnectTime = 0,
            TotalTime = 5001,
            BytesRead = 198,
            Termination = TerminationState.EndedBy(TerminationCause.ServerTimeout, SessionPhase.Headers),
            ActiveConnections = 1,
            FrontendConnections = 1,
        };

        Assert.Equal("127.0.0.1:59326 [22/Nov/2026:03:38:31.288] fe_tcp be/s1 0/0/5001 198 sH 1/1/0/0/0 0/0", Tcp(record));
    }

    [Fact]
    public void Format_NoServerAndUnreachedTimers_NoSrvAndMinusOne()
    {
        var record = new TcpAccessRecord
        {
            Client = new IPEndPoint(IPAddress.Loopback, 37054),
            AcceptDate = At(3, 38, 39, 392),
            Frontend = "fe_tcp",
            TotalTime = 100,
            Termination = TerminationState.EndedBy(TerminationCause.ProxyAbort, SessionPhase.Request),
            ActiveConnections = 1,
            FrontendConnections = 1,
        };

        Assert.Equal("127.0.0.1:37054 [22/Nov/2026:03:38:39.392] fe_tcp fe_tcp/<NOSRV> -1/-1/100 0 PR 1/1/0/0/0 0/0", Tcp(record));
    }

    [Fact]
    public void Format_TlsFrontendAndRedispatch_TildeAndPlus()
    {
        var record = new TcpAccessRecord
        {
            Client = Client,
            AcceptDate = At(3, 38, 31, 278),
            Frontend = "fe_tls",
            FrontendTls = true,
            Backend = "be",
            Server = "s2",
            QueueTime = 2,
            ConnectTime = 1,
            TotalTime = 20,
            BytesRead = 10,
            Retries = 1,
            Redispatched = true,
            ServerQueue = 1,
            BackendQueue = 2,
        };

        Assert.Equal("127.0.0.1:33628 [22/Nov/2026:03:38:31.278] fe_tls~ be/s2 2/1/20 10 -- 0/0/0/0/+1 1/2", Tcp(record));
    }

    [Fact]
    public void Format_HttpTransactionAsTcplog_RequestDateAndActiveTime()
    {
        var buffer = new byte[512];
        var n = TcpLogFormatter.Format(Ok("GET / HTTP/1.1"u8) with { ActiveTime = 12 }, TimeZoneInfo.Utc, buffer);

        Assert.Equal("127.0.0.1:33628 [22/Nov/2026:03:38:31.278] fe_http be/s1 0/0/12 119 -- 1/1/0/0/0 0/0", Encoding.UTF8.GetString(buffer, 0, n));
    }
}
