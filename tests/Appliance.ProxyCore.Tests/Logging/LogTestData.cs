using System.Net;
using System.Text;
using Appliance.ProxyCore.Logging;

namespace Appliance.ProxyCore.Tests.Logging;

/// <summary>Records whose lines Debian's haproxy 2.6 wrote for the same sessions (captured on 127.0.0.1, UTC).</summary>
internal static class LogTestData
{
    public static readonly IPEndPoint Client = new(IPAddress.Loopback, 33628);

    public static DateTimeOffset At(int hour, int minute, int second, int millisecond) =>
        new(2026, 11, 22, hour, minute, second, millisecond, TimeSpan.Zero);

    /// <summary>haproxy: <c>127.0.0.1:33628 [22/Nov/2026:03:38:31.278] fe_http be/s1 0/0/0/0/0 200 119 - - ---- 1/1/0/0/0 0/0 "GET /index.html?x=1 HTTP/1.1"</c>.</summary>
    public static HttpAccessRecord Ok(ReadOnlySpan<byte> requestLine) => new()
    {
        Client = Client,
        RequestDate = At(3, 38, 31, 278),
        Frontend = "fe_http",
        Backend = "be",
        Server = "s1",
        RequestTime = 0,
        QueueTime = 0,
        ConnectTime = 0,
        ResponseTime = 0,
        ActiveTime = 0,
        Status = 200,
        BytesRead = 119,
        BytesUploaded = 78,
        ActiveConnections = 1,
        FrontendConnections = 1,
        RequestLine = requestLine,
    };

    public static string Http(in HttpAccessRecord record, TimeZoneInfo? zone = null, int size = 4096)
    {
        var buffer = new byte[size];
        var n = HttpLogFormatter.Format(record, zone ?? TimeZoneInfo.Utc, buffer);
        return Encoding.UTF8.GetString(buffer, 0, n);
    }

    public static string Tcp(in TcpAccessRecord record, TimeZoneInfo? zone = null, int size = 4096)
    {
        var buffer = new byte[size];
        var n = TcpLogFormatter.Format(record, zone ?? TimeZoneInfo.Utc, buffer);
        return Encoding.UTF8.GetString(buffer, 0, n);
    }
}
