using System.Net;
using System.Text;
using Appliance.ProxyCore.Logging;

namespace Appliance.ProxyCore.Tests.Logging;

public sealed class DefaultLogFormatterTests
{
    [Theory]
    [InlineData(true, "Connect from 10.0.1.2:33312 to 10.0.3.31:8012 (www/HTTP)")]
    [InlineData(false, "Connect from 10.0.1.2:33312 to 10.0.3.31:8012 (www/TCP)")]
    public void Format_ManualExample_MatchesSection821(bool http, string expected)
    {
        var buffer = new byte[256];
        var n = DefaultLogFormatter.Format(
            new IPEndPoint(IPAddress.Parse("10.0.1.2"), 33312), new IPEndPoint(IPAddress.Parse("10.0.3.31"), 8012), "www", http, buffer);

        Assert.Equal(expected, Encoding.UTF8.GetString(buffer, 0, n));
    }

    [Fact]
    public void Format_UnknownDestination_Dash()
    {
        var buffer = new byte[256];
        var n = DefaultLogFormatter.Format(new IPEndPoint(IPAddress.Loopback, 1), null, "fe", http: false, buffer);

        Assert.Equal("Connect from 127.0.0.1:1 to - (fe/TCP)", Encoding.UTF8.GetString(buffer, 0, n));
    }
}
