using System.Net;

namespace Appliance.ProxyCore.Tests.Acl;

/// <summary>Every fetch and matching method against sample requests, compiled through the real loader.</summary>
public class AclMatchingTests
{
    private static bool Match(TestRequest request, string words) => AclTestHelper.Anonymous(request, words);

    [Theory]
    [InlineData("path /a/b.m3u8", true)]
    [InlineData("path /a/B.m3u8", false)]
    [InlineData("path -i /a/B.M3U8", true)]
    [InlineData("path_beg /a/", true)]
    [InlineData("path_beg /b/ /a/", true)]
    [InlineData("path_end .m3u8", true)]
    [InlineData("path_end .ts", false)]
    [InlineData("path_sub /b.", true)]
    [InlineData("path_dir a", true)]
    [InlineData("path_dir b", false)]
    [InlineData("path_len 9", true)]
    [InlineData("path_len 1:5", false)]
    [InlineData("url /a/b.m3u8?x=1", true)]
    [InlineData("url_beg /a", true)]
    [InlineData("url_sub x=1", true)]
    [InlineData("url_reg \\?x=[0-9]+$", true)]
    [InlineData("query x=1", true)]
    [InlineData("method GET", true)]
    [InlineData("method POST", false)]
    public void Matches_RequestLineFetches_FollowTheirMethod(string words, bool expected) =>
        Assert.Equal(expected, Match(new TestRequest("GET", "/a/b.m3u8?x=1"), words));

    [Theory]
    [InlineData("/live/stream.m3u8", true)]
    [InlineData("/live/SEG001.TS", true)]
    [InlineData("/live/seg001.ts?token=1", true)]
    [InlineData("/live/stream.mp4", false)]
    [InlineData("/live/ts/index.html", false)]
    public void Matches_HlsPathRegexIgnoringCase_MatchesPlaylistsAndSegments(string url, bool expected) =>
        Assert.Equal(expected, Match(new TestRequest(url: url), @"path_reg -i ^.*\.(m3u8|ts)$"));

    [Fact]
    public void Matches_PathInAbsoluteFormTarget_StartsAfterAuthority()
    {
        var request = new TestRequest(url: "http://example.com/api/v1?q=1");

        Assert.True(Match(request, "path /api/v1"));
        Assert.True(Match(request, "url_beg http://"));
    }

    [Theory]
    [InlineData("hdr(Upgrade) -i WebSocket", true)]
    [InlineData("hdr(upgrade) WebSocket", false)]
    [InlineData("hdr(Sec-WebSocket-Key) -m found", true)]
    [InlineData("hdr(X-Missing) -m found", false)]
    [InlineData("hdr_beg(Host) -i ws", true)]
    [InlineData("hdr_end(host) .example.com", true)]
    [InlineData("hdr_sub(host) example", true)]
    [InlineData("hdr_reg(host) ^ws[0-9]\\.", true)]
    [InlineData("hdr_dom(host) example.com", true)]
    [InlineData("hdr_dom(host) ample.com", false)]
    [InlineData("req.hdr(host) ws1.example.com", true)]
    [InlineData("hdr(host) -m len 15", true)]
    [InlineData("hdr_cnt(Accept) 2", true)]
    [InlineData("hdr_cnt(Accept) gt 2", false)]
    [InlineData("hdr_cnt(X-Missing) eq 0", true)]
    [InlineData("hdr(accept) text/plain", true)]
    [InlineData("hdr(accept,1) text/plain", false)]
    [InlineData("hdr(accept,-1) text/plain", true)]
    public void Matches_HeaderFetches_TestEveryCommaSeparatedOccurrence(string words, bool expected)
    {
        var request = new TestRequest("GET", "/ws",
            ("Host", "ws1.example.com"), ("Upgrade", "websocket"), ("Sec-WebSocket-Key", "dGhlIHNhbXBsZQ=="), ("Accept", "text/html, text/plain"));

        Assert.Equal(expected, Match(request, words));
    }

    [Fact]
    public void Matches_EmptyHeaderValue_IsFound()
    {
        Assert.True(Match(new TestRequest(headers: ("X-Empty", "")), "hdr(X-Empty) -m found"));
    }

    [Theory]
    [InlineData("req.cook(SERVERID) s1", true)]
    [InlineData("req.cook(serverid) s1", false)]
    [InlineData("req.cook(lang) -m found", true)]
    [InlineData("req.cook(missing) -m found", false)]
    [InlineData("req.cook_cnt(SERVERID) 1", true)]
    [InlineData("req.cook_cnt 3", true)]
    public void Matches_CookieFetches_ReadEveryCookieHeader(string words, bool expected) =>
        Assert.Equal(expected, Match(new TestRequest(headers: [("Cookie", "SERVERID=s1; lang=en"), ("Cookie", "theme=dark")]), words));

    [Theory]
    [InlineData("127.0.0.1", "src 127.0.0.1", true)]
    [InlineData("10.1.2.3", "src 10.0.0.0/8", true)]
    [InlineData("11.1.2.3", "src 10.0.0.0/8", false)]
    [InlineData("192.168.7.9", "src 192.168.0.0/255.255.0.0", true)]
    [InlineData("10.1.2.3", "src 192.168.0.0/16 10.1.2.0/24", true)]
    [InlineData("::ffff:10.1.2.3", "src 10.0.0.0/8", true)]
    [InlineData("2001:db8::7", "src 2001:db8::/32", true)]
    [InlineData("2001:db9::7", "src 2001:db8::/32", false)]
    [InlineData("fe80::1", "src fe80::/10", true)]
    [InlineData("10.1.2.3", "src 2001:db8::/32", false)]
    [InlineData("127.0.0.1", "src ::1", false)]
    public void Matches_SourceNetworks_IPv4AndIPv6(string client, string words, bool expected)
    {
        var request = new TestRequest { ClientAddress = IPAddress.Parse(client) };

        Assert.Equal(expected, Match(request, words));
    }

    [Theory]
    [InlineData(80, "dst_port 80", true)]
    [InlineData(85, "dst_port 80:90", true)]
    [InlineData(91, "dst_port 80:90", false)]
    [InlineData(8443, "dst_port 80:90 8443", true)]
    [InlineData(1024, "dst_port 1024:", true)]
    [InlineData(1023, "dst_port :1023", true)]
    [InlineData(443, "dst_port lt 443", false)]
    [InlineData(443, "dst_port le 443", true)]
    [InlineData(443, "dst_port ge 444", false)]
    public void Matches_DestinationPorts_IntegersRangesAndOperators(int port, string words, bool expected) =>
        Assert.Equal(expected, Match(new TestRequest { FrontendPort = port }, words));

    [Fact]
    public void Matches_SslFetches_ReadTheConnection()
    {
        var tls = new TestRequest { IsTls = true, Sni = "Media.Example.com" };
        var plain = new TestRequest();

        Assert.True(Match(tls, "ssl_fc"));
        Assert.False(Match(plain, "ssl_fc"));
        Assert.True(Match(tls, "ssl_fc_sni -i media.example.com"));
        Assert.True(Match(tls, "ssl_fc_sni_end -i .example.com"));
        Assert.True(Match(tls, "req.ssl_sni -m found"));
        Assert.False(Match(plain, "ssl_fc_sni -m found"));
    }

    [Fact]
    public void Matches_TcpModeConnection_ConnectionFetchesWorkAndHttpFetchesFindNothing()
    {
        var tcp = TestRequest.Tcp(port: 1935);

        Assert.True(Match(tcp, "dst_port 1935"));
        Assert.True(Match(tcp, "src 127.0.0.0/8"));
        Assert.False(Match(tcp, "path -m found"));
        Assert.False(Match(tcp, "method -m found"));
    }

    [Theory]
    [InlineData("base example.com/a/b", true)]
    [InlineData("base_beg example.com/a", true)]
    [InlineData("req.hdr(host),lower example.com", true)]
    [InlineData("req.hdr(host),upper EXAMPLE.COM", true)]
    [InlineData("req.hdr(host),base64 RXhhbXBsZS5Db20=", true)]
    [InlineData("req.hdr(host) example.com", false)]
    public void Matches_BaseAndConverters_TransformBeforeMatching(string words, bool expected) =>
        Assert.Equal(expected, Match(new TestRequest(url: "/a/b?c", headers: ("Host", "Example.Com")), words.Replace("example.com/", "Example.Com/", StringComparison.Ordinal)));

    [Theory]
    [InlineData("hdr(X-Forwarded-For) -m ip 10.0.0.0/8", true)]
    [InlineData("hdr_ip(X-Forwarded-For) 192.168.1.1", true)]
    [InlineData("hdr(X-Forwarded-For) -m ip 2001:db8::/32", true)]
    [InlineData("hdr(X-Forwarded-For) -m ip 172.16.0.0/12", false)]
    [InlineData("hdr_val(Content-Length) gt 100", true)]
    [InlineData("hdr(Content-Length) -m int 0:100", false)]
    [InlineData("hdr(Content-Length) -m str 120", true)]
    [InlineData("path_beg -m str /a", false)]
    [InlineData("src -m str 127.0.0.1", true)]
    [InlineData("dst_port -m str 80", true)]
    public void Matches_ExplicitMethod_ConvertsBetweenTypes(string words, bool expected)
    {
        var request = new TestRequest(url: "/a/b", headers: [("X-Forwarded-For", "10.9.8.7, 192.168.1.1, 2001:db8::5"), ("Content-Length", "120")]);

        Assert.Equal(expected, Match(request, words));
    }

    [Fact]
    public void Matches_SeveralValues_OrTogether()
    {
        Assert.True(Match(new TestRequest("PUT"), "method GET PUT POST"));
        Assert.False(Match(new TestRequest("DELETE"), "method GET PUT POST"));
    }

    [Fact]
    public void Matches_SeveralLinesWithOneName_OrTogether()
    {
        string[] lines = ["acl is_websocket hdr(Upgrade) -i WebSocket", "acl is_websocket hdr_beg(Host) -i ws"];

        Assert.True(AclTestHelper.Matches(new TestRequest(headers: ("Upgrade", "websocket")), "is_websocket", lines));
        Assert.True(AclTestHelper.Matches(new TestRequest(headers: ("Host", "WS.example.com")), "is_websocket", lines));
        Assert.False(AclTestHelper.Matches(new TestRequest(headers: ("Host", "www.example.com")), "is_websocket", lines));
        Assert.Equal(2, AclTestHelper.Rules(lines).Acls["is_websocket"].Expressions.Count);
    }

    [Fact]
    public void Matches_DoubleDashEndsFlags_ValueMayStartWithDash()
    {
        Assert.True(Match(new TestRequest(headers: ("X-Opt", "-i")), "hdr(X-Opt) -- -i"));
    }

    [Fact]
    public void Matches_StatusInRequestRules_HasNoValue()
    {
        Assert.False(Match(new TestRequest(), "status -m found"));
    }
}
