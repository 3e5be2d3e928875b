using System.Text;
using Appliance.ProxyCore.Configuration;
using Appliance.ProxyCore.Health;

namespace Appliance.ProxyCore.Tests.Health;

public sealed class HttpCheckRequestTests
{
    private static string Build(HttpCheckConfig check, string serverHost = "10.0.0.5") =>
        Encoding.Latin1.GetString(HttpCheckRequest.Build(check, serverHost));

    [Fact]
    public void Build_Default_OptionsSlashHttp10WithoutHost()
    {
        Assert.Equal("OPTIONS / HTTP/1.0\r\nConnection: close\r\n\r\n", Build(HttpCheckConfig.Default));
    }

    [Fact]
    public void Build_Http11WithHost_SendsConfiguredHost()
    {
        var check = new HttpCheckConfig("GET", "/health", "HTTP/1.1", null, "www.example.com");

        Assert.Equal("GET /health HTTP/1.1\r\nHost: www.example.com\r\nConnection: close\r\n\r\n", Build(check));
    }

    [Fact]
    public void Build_Http11WithoutHost_FallsBackToServerHost()
    {
        var check = new HttpCheckConfig("HEAD", "/", "HTTP/1.1", null, null);

        Assert.Equal("HEAD / HTTP/1.1\r\nHost: 10.0.0.5\r\nConnection: close\r\n\r\n", Build(check));
        Assert.Contains("Host: [2001:db8::1]\r\n", Build(check, "2001:db8::1"), StringComparison.Ordinal);
    }

    [Fact]
    public void Build_Http10WithConfiguredHost_SendsIt()
    {
        var check = new HttpCheckConfig("GET", "/", "HTTP/1.0", null, "app");

        Assert.Contains("Host: app\r\n", Build(check), StringComparison.Ordinal);
    }
}
