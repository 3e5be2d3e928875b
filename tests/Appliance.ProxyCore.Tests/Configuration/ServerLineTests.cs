using System.Net;

namespace Appliance.ProxyCore.Tests.Configuration;

public class ServerLineTests
{
    private static Appliance.ProxyCore.Configuration.ServerConfig Server(string line)
    {
        var result = ConfigTestHelper.Load($"backend b\n    mode http\n    timeout connect 1s\n    timeout server 1s\n    {line}\n");
        Assert.Equal([], result.Diagnostics.Select(d => d.ToString()));
        return Assert.Single(result.Config!.Proxies[0].Servers);
    }

    [Theory]
    [InlineData("server s 10.0.0.1:80", "10.0.0.1", "10.0.0.1", 80)]
    [InlineData("server s 10.0.0.1", "10.0.0.1", "10.0.0.1", null)]
    [InlineData("server s [2001:db8::1]:443", "2001:db8::1", "2001:db8::1", 443)]
    [InlineData("server s [::1]", "::1", "::1", null)]
    [InlineData("server s ::1:80", "::1", "::1", 80)]
    [InlineData("server s ipv4@10.0.0.1:80", "10.0.0.1", "10.0.0.1", 80)]
    [InlineData("server s web-1.example.com:8080", "web-1.example.com", null, 8080)]
    [InlineData("server s localhost", "localhost", null, null)]
    public void LoadText_ServerAddressForms_ParseLikeHaproxy(string line, string host, string? address, int? port)
    {
        var server = Server(line);

        Assert.Equal((host, address is null ? null : IPAddress.Parse(address), port), (server.Host, server.Address, server.Port));
    }

    [Fact]
    public void LoadText_ServerParameters_AllParsed()
    {
        var server = Server("server s 10.0.0.1:80 check inter 3s fastinter 1s downinter 10s rise 4 fall 6 port 8080 addr 10.0.0.2 weight 0 maxconn 50 backup disabled cookie c1");

        Assert.Equal(
            (true, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), 4, 6, 8080, IPAddress.Parse("10.0.0.2"), 0, 50, true, true, "c1"),
            (server.Check, server.Inter, server.FastInter, server.DownInter, server.Rise, server.Fall, server.CheckPort, server.CheckAddress,
             server.Weight, server.MaxConn, server.Backup, server.Disabled, server.Cookie));
    }

    [Theory]
    [InlineData("server s 10.0.0.1:80", -1)]
    [InlineData("server s 10.0.0.1:80 pool-max-conn 0", 0)]
    [InlineData("server s 10.0.0.1:80 pool-max-conn 500", 500)]
    public void LoadText_PoolMaxConn_UnlimitedByDefault(string line, int expected)
    {
        Assert.Equal(expected, Server(line).PoolMaxConn);
    }

    [Fact]
    public void LoadText_PoolMaxConnBelowMinusOne_IsAnError()
    {
        Assert.Single(ConfigTestHelper.Diagnostics("backend b\n    server s 10.0.0.1:80 pool-max-conn -2\n"));
    }

    [Fact]
    public void LoadText_LaterWorkServerParameters_KeptVerbatimWithValues()
    {
        var server = Server("server s 10.0.0.1:443 ssl verify none sni str(example.com) send-proxy-v2 check slowstart 30s init-addr last,libc,none track b2/s on-marked-down shutdown-sessions");

        Assert.True(server.Check);
        Assert.Equal(
            ["ssl", "verify", "none", "sni", "str(example.com)", "send-proxy-v2", "slowstart", "30s", "init-addr", "last,libc,none", "track", "b2/s", "on-marked-down", "shutdown-sessions"],
            server.OtherOptions);
    }

    [Fact]
    public void LoadText_BareIpv6WithoutPort_IsAnErrorWithHint()
    {
        Assert.Equal(
            ["t.cfg:2: error: server 's' in backend 'b' has an invalid address '2001:db8::1': '2001:db8:' is not an IP address; write IPv6 addresses as [ADDR]:PORT"],
            ConfigTestHelper.Diagnostics("backend b\n    server s 2001:db8::1\n"));
    }

    [Fact]
    public void LoadText_UnixSocketServer_IsRefused()
    {
        Assert.Equal(
            ["t.cfg:2: error: server 's' in backend 'b' has an invalid address '/run/app.sock': only IPv4 and IPv6 addresses are supported (no UNIX sockets, fd@ or UDP)"],
            ConfigTestHelper.Diagnostics("backend b\n    server s /run/app.sock\n"));
    }
}
