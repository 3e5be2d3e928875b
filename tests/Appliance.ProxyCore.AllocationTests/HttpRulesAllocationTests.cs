using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using Xunit.Abstractions;

namespace Appliance.ProxyCore.AllocationTests;

/// <summary>
/// Bytes allocated per keep-alive request when ACLs and <c>http-request</c>/<c>http-response</c> rules read and edit the
/// messages (issue 9: the request and response used to be copied into strings, about 900 bytes per request with one
/// rule and one ACL). Each case is compared with the same request through a proxy without rules, measured in the same
/// test, so the bound holds in Debug builds (which allocate every async state machine) as in Release.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class HttpRulesAllocationTests(ITestOutputHelper output)
{
    /// <summary>What rules may add per request: nothing is copied, matched or written through a string.</summary>
    private const long RulesBudget = 64;

#if DEBUG
    private const long Budget = 3600;
#else
    private const long Budget = 256;
#endif

    private static readonly byte[] SegmentRequest =
        "GET /live/channel1/seg_00042.ts HTTP/1.1\r\nHost: media.example.com\r\nUser-Agent: VLC/3.0.18 LibVLC/3.0.18\r\nAccept: */*\r\nRange: bytes=0-\r\n\r\n"u8.ToArray();

    /// <summary>A media server's frontend: playlists and segments to their own backends, the client's address and protocol forwarded, the origin's Server field hidden.</summary>
    private const string MediaFrontend = """
            option forwardfor
            acl is_playlist path_end .m3u8
            acl is_segment path_end .ts
            http-request set-header X-Forwarded-Proto http
            http-response del-header Server
            use_backend playlists if is_playlist
            use_backend segments if is_segment
        """;

    /// <summary>One ACL of each common kind, all evaluated for every request (none decides before the last).</summary>
    private const string AclFrontend = """
            acl host_media hdr(host) -i media.example.com www.example.com
            acl host_beg hdr_beg(host) -i media.
            acl host_dom hdr_dom(host) -i example.com
            acl agent_vlc hdr_sub(user-agent) -i vlc
            acl live path_beg /live/ /vod/
            acl seg_re path_reg ^/live/[a-z0-9]+/seg_[0-9]+\.ts$
            acl has_range hdr_cnt(range) gt 0
            acl local src 127.0.0.0/8 10.0.0.0/8
            acl get method GET HEAD
            acl query_x url_sub -i token=
            http-request deny if !host_media || !host_beg || !host_dom || !agent_vlc || !live || !seg_re || !has_range || !local || !get || query_x
            http-request add-header X-Client %[src]
            http-request set-header X-Path %[path,lower]
            use_backend segments if live seg_re
        """;

    [Fact]
    public async Task KeepAliveRequests_MediaServerRules_AllocateNoMoreThanWithoutRules()
    {
        await AssertWithinBudgetAsync(MediaFrontend, "");
    }

    [Fact]
    public async Task KeepAliveRequests_ManyAclKinds_AllocateNoMoreThanWithoutRules()
    {
        await AssertWithinBudgetAsync(AclFrontend, "");
    }

    /// <summary>With <c>option httplog</c> and a captured header the line is formatted and sent without intermediate strings.</summary>
    [Fact]
    public async Task KeepAliveRequests_MediaServerRulesWithHttpLog_AllocateNoMoreThanWithoutRules()
    {
        using var syslog = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveBufferSize = 8 << 20 };
        syslog.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)syslog.LocalEndPoint!).Port;
        var logging = $"""
            global
                log 127.0.0.1:{port} local0
            """;
        var frontendLog = """
                log global
                option httplog
                capture request header Host len 32
                capture request header User-Agent len 32
            """;

        var lines = new StrongBox<long>();
        await AssertWithinBudgetAsync(frontendLog + "\n" + MediaFrontend, logging, frontendLog, lines);

        // Every request of the measured runs was logged (some datagrams may still be queued when the engine stops).
        Assert.True(lines.Value >= 15_000, $"{lines.Value} access-log lines sent");
        Assert.True(syslog.Available > 0, "no access-log line reached the syslog socket");
    }

    private async Task AssertWithinBudgetAsync(string frontendRules, string global, string plainFrontend = "", StrongBox<long>? lines = null)
    {
        var plain = await MeasureAsync(plainFrontend, global, null);
        var withRules = await MeasureAsync(frontendRules, global, lines);
        output.WriteLine($"{withRules} bytes per request with rules, {plain} without");

        Assert.True(withRules - plain <= RulesBudget, $"{withRules} bytes per request with rules, {plain} without (rules may add {RulesBudget})");
        Assert.True(withRules < Budget, $"{withRules} bytes per request (budget {Budget})");
    }

    private static Task<long> MeasureAsync(string frontendExtra, string global, StrongBox<long>? lines) =>
        KeepAliveAllocationMeter.MeasureAsync(global, frontendExtra, "", SegmentRequest, 100, lines);
}
