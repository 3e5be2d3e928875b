using System.Net;
using Appliance.ProxyCore.Configuration;
using Appliance.ProxyCore.Rules;
using Appliance.ProxyCore.Tests.Acl;
using Appliance.ProxyCore.Tests.Configuration;

namespace Appliance.ProxyCore.Tests.Rules;

/// <summary>
/// An Ant Media Server / WebRTC deployment as its guides write it (HLS by path regex, WebSocket signalling by
/// header, HTTPS redirect, client address headers, RTMP in TCP mode). `haproxy -c` (2.6.12) accepts it without a warning.
/// </summary>
public class MediaServerRulesTests
{
    private const string Config = """
global
    log /dev/log local0
    maxconn 20000

defaults
    log global
    mode http
    option httplog
    option forwardfor
    option http-server-close
    timeout connect 5s
    timeout client 30s
    timeout server 30s
    timeout tunnel 2h

frontend https_frontend
    bind *:80
    bind *:5443
    http-request add-header X-Client-IP %ci:%cp
    http-request set-header X-Forwarded-Proto https if { ssl_fc }
    redirect scheme https if !{ ssl_fc }
    acl hls_request path_reg -i ^.*\.(m3u8|ts)$
    acl is_websocket hdr(Upgrade) -i WebSocket
    acl is_websocket hdr_beg(Host) -i ws
    acl is_websocket hdr(Sec-WebSocket-Key) -m found
    use_backend backend_hls if hls_request
    use_backend ws if is_websocket
    default_backend ams_origin

backend ams_origin
    balance leastconn
    server origin1 10.0.0.21:5080 check
    server origin2 10.0.0.22:5080 check

backend backend_hls
    balance uri
    server edge1 10.0.0.31:5080 check

backend ws
    balance source
    server ws1 10.0.0.41:5080 check

defaults
    log global
    mode tcp
    option tcplog
    timeout connect 5s
    timeout client 30s
    timeout server 30s

frontend rtmp
    bind *:1935
    acl from_lan src 10.0.0.0/8 192.168.0.0/16
    acl rtmps dst_port 1936:1940
    use_backend rtmp_lan if from_lan !rtmps
    default_backend rtmp_wan

backend rtmp_lan
    server r1 10.0.0.51:1935 check

backend rtmp_wan
    server r2 10.0.0.52:1935 check
""";

    private static readonly ApplianceConfig Loaded = Load();

    private static ApplianceConfig Load()
    {
        var result = ConfigTestHelper.Load(Config);
        Assert.Empty(result.Diagnostics.Select(d => d.ToString()));
        return result.Config!;
    }

    private static HttpRuleSet Frontend(string name) => Loaded.Proxies.Single(p => p.Name == name).HttpRules;

    private static (RuleOutcome Outcome, string? Backend, TestRequest Request) Route(TestRequest request)
    {
        var rules = Frontend("https_frontend");
        var transaction = new HttpTransaction(request) { FrontendName = "https_frontend" };
        var outcome = rules.ApplyRequestRules(request, transaction);
        return (outcome, outcome.Replies ? null : rules.ResolveBackend(transaction), request);
    }

    [Fact]
    public void Load_GuideConfig_CompilesAclsAndRules()
    {
        var rules = Frontend("https_frontend");

        Assert.Equal(["hls_request", "is_websocket"], rules.Acls.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(3, rules.Acls["is_websocket"].Expressions.Count);
        Assert.Equal((2, 1, 2), (rules.RequestRules.Count, rules.RedirectRules.Count, rules.SwitchingRules.Count));
        Assert.Equal(ForwardForOption.Default, rules.ForwardFor);
        Assert.Equal("ams_origin", rules.DefaultBackend);
    }

    [Fact]
    public void Route_PlainHttp_RedirectsToHttpsKeepingPathAndQuery()
    {
        var (outcome, _, _) = Route(new TestRequest(url: "/LiveApp/streams/s1.m3u8?token=x", headers: ("Host", "media.example.com")));

        Assert.Equal((RuleVerdict.Redirect, 302), (outcome.Verdict, outcome.Reply!.Status));
        Assert.Equal("https://media.example.com/LiveApp/streams/s1.m3u8?token=x", outcome.Reply.Headers[0].Value);
    }

    [Theory]
    [InlineData("/LiveApp/streams/s1.m3u8", "backend_hls")]
    [InlineData("/LiveApp/streams/S1_000012.TS", "backend_hls")]
    [InlineData("/LiveApp/play.html", "ams_origin")]
    public void Route_TlsRequests_ByPath(string url, string backend)
    {
        var (outcome, chosen, request) = Route(new TestRequest(url: url, headers: ("Host", "media.example.com")) { IsTls = true, ClientPort = 50123 });

        Assert.Equal(RuleVerdict.Continue, outcome.Verdict);
        Assert.Equal(backend, chosen);
        Assert.Equal(["Host: media.example.com", "X-Client-IP: 127.0.0.1:50123", "X-Forwarded-Proto: https"], request.HeaderLines());
    }

    [Theory]
    [InlineData("Upgrade", "websocket", "ws")]
    [InlineData("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==", "ws")]
    [InlineData("X-Other", "1", "ams_origin")]
    public void Route_WebSocketSignalling_ByHeaders(string header, string value, string backend)
    {
        var (_, chosen, _) = Route(new TestRequest(url: "/WebRTCAppEE/websocket", headers: [("Host", "media.example.com"), (header, value)]) { IsTls = true });

        Assert.Equal(backend, chosen);
    }

    [Fact]
    public void Route_WebSocketHostName_GoesToWs()
    {
        var (_, chosen, _) = Route(new TestRequest(url: "/", headers: ("Host", "WS.example.com")) { IsTls = true });

        Assert.Equal("ws", chosen);
    }

    [Theory]
    [InlineData("10.1.2.3", 1935, "rtmp_lan")]
    [InlineData("192.168.5.5", 1935, "rtmp_lan")]
    [InlineData("10.1.2.3", 1937, "rtmp_wan")]
    [InlineData("203.0.113.9", 1935, "rtmp_wan")]
    public void Route_TcpFrontend_BySourceAndPort(string client, int port, string backend)
    {
        var request = TestRequest.Tcp(port);
        request.ClientAddress = IPAddress.Parse(client);

        Assert.Equal(backend, Frontend("rtmp").ResolveBackend(new HttpTransaction(request)));
        Assert.Null(Loaded.Proxies.Single(p => p.Name == "rtmp").ForwardFor);
    }
}
