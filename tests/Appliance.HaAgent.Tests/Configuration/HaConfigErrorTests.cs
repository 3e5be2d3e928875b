namespace Appliance.HaAgent.Tests.Configuration;

/// <summary>Each bad line, appended to a valid minimal section at line 5, and the exact diagnostic it must produce.</summary>
public sealed class HaConfigErrorTests
{
    private const string IfName = "one interface name (1 to 15 characters, no '/', ':' or spaces)";
    private const string Advert = "a time from 10ms to 40.95s in steps of 10ms, such as 1, 1s, 100ms or 0.1";
    private const string Vip = "ADDR[/PREFIX] [dev IF] with an IPv4 address and a prefix length from 0 to 32";
    private const string Sync = "NAME ADDR:PORT with an address a.b.c.d or [IPv6] and a port from 1 to 65535";

    public static TheoryData<string, string> BadLines => new()
    {
        { "priority 300", "'priority' expects an integer from 1 to 255 (got '300')" },
        { "priority", "'priority' expects an integer from 1 to 255 (got nothing)" },
        { "priority 1 2", "'priority' expects an integer from 1 to 255 (got '1 2')" },
        { "priority +5", "'priority' expects an integer from 1 to 255 (got '+5')" },
        { "advert_int 15ms", $"'advert_int' expects {Advert} (got '15ms')" },
        { "advert_int 5ms", $"'advert_int' expects {Advert} (got '5ms')" },
        { "advert_int 41", $"'advert_int' expects {Advert} (got '41')" },
        { "advert_int 0", $"'advert_int' expects {Advert} (got '0')" },
        { "advert_int 0.015", $"'advert_int' expects {Advert} (got '0.015')" },
        { "advert_int fast", $"'advert_int' expects {Advert} (got 'fast')" },
        { "advert_int -1", $"'advert_int' expects {Advert} (got '-1')" },
        { "nopreempt yes", "'nopreempt' takes no arguments (got 'yes')" },
        { "preempt_delay 1001", "'preempt_delay' expects a time from 0 to 1000s (got '1001')" },
        { "virtual_ipaddress 10.0.0.300/24", $"'virtual_ipaddress' expects {Vip} (got '10.0.0.300/24')" },
        { "virtual_ipaddress 10.0.0.20/33", $"'virtual_ipaddress' expects {Vip} (got '10.0.0.20/33')" },
        { "virtual_ipaddress 10.1/24", $"'virtual_ipaddress' expects {Vip} (got '10.1/24')" },
        { "virtual_ipaddress fd00::1/64", $"'virtual_ipaddress' expects {Vip} (got 'fd00::1/64')" },
        { "virtual_ipaddress 10.0.0.20/24 device eth0", $"'virtual_ipaddress' expects {Vip} (got '10.0.0.20/24 device eth0')" },
        { "virtual_ipaddress 10.0.0.20/24 dev", $"'virtual_ipaddress' expects {Vip} (got '10.0.0.20/24 dev')" },
        { "virtual_ipaddress", $"'virtual_ipaddress' expects {Vip} (got nothing)" },
        { "virtual_ipaddress 10.213.0.10/32", "'virtual_ipaddress' 10.213.0.10 is already listed at ha.cfg:4" },
        { "unicast_src_ip 10.0.0.x", "'unicast_src_ip' expects an IPv4 address (got '10.0.0.x')" },
        { "unicast_peer", "'unicast_peer' expects an IPv4 address (got nothing)" },
        { "sync_peer lb2 10.0.0.2", $"'sync_peer' expects {Sync} (got 'lb2 10.0.0.2')" },
        { "sync_peer lb2 10.0.0.2:0", $"'sync_peer' expects {Sync} (got 'lb2 10.0.0.2:0')" },
        { "sync_peer lb2 lb2.local:7400", $"'sync_peer' expects {Sync} (got 'lb2 lb2.local:7400')" },
        { "sync_peer 10.0.0.2:7400", $"'sync_peer' expects {Sync} (got '10.0.0.2:7400')" },
        { "auth_key_file", "'auth_key_file' expects one file path (got nothing)" },
        { "garp_master_delay 2000", "'garp_master_delay' expects a time from 0 (no second burst) to 1000s (got '2000')" },
        { "garp_master_repeat 0", "'garp_master_repeat' expects an integer from 1 to 100 (got '0')" },
        { "garp_interval 2s", "'garp_interval' expects a time from 0 to 1s (got '2s')" },
        { "garp_master_refresh 500ms", "'garp_master_refresh' expects 0 (off) or a time from 1s to 24h (got '500ms')" },
        { "track_interface", "'track_interface' expects IF [weight N] with an interface name (got nothing)" },
        { "track_interface eth1 weight 300", "'track_interface eth1' option 'weight' expects an integer from 1 to 254 (got '300')" },
        { "track_interface eth1 weight -20", "'track_interface eth1' option 'weight' expects an integer from 1 to 254 (got '-20')" },
        { "track_interface eth1 weight", "'track_interface eth1' option 'weight' expects an integer from 1 to 254 (got nothing)" },
        { "track_interface eth1 weigth 20", "'track_interface eth1' has no option 'weigth'; the only option is 'weight'" },
        { "track_interface eth1 weight 10 weight 20", "'track_interface eth1' gives option 'weight' twice" },
        { "track_script chk", "'track_script' expects NAME \"COMMAND\" [interval TIME] [weight N] [rise N] [fall N] (got 'chk')" },
        { "track_script chk /bin/true timeout 3", "'track_script chk' has no option 'timeout'; options are 'interval', 'weight', 'rise', 'fall'" },
        { "track_script chk /bin/true rise 0", "'track_script chk' option 'rise' expects an integer from 1 to 100 (got '0')" },
        { "track_script chk /bin/true interval 0", "'track_script chk' option 'interval' expects a time from 10ms to 1h (got '0')" },
        { "track_proxy weight 0", "'track_proxy' option 'weight' expects an integer from 1 to 254 (got '0')" },
        { "track_proxy on", "'track_proxy' has no option 'on'; the only option is 'weight'" },
        { "notify", "'notify' expects one program path (got nothing)" },
        { "notify_timeout 0", "'notify_timeout' expects a time from 1s to 1h (got '0')" },
        { "state PRIMARY", "'state' expects MASTER or BACKUP (got 'PRIMARY')" },
        { "vrrp_version 2", "'vrrp_version' expects 3, the only version supported (RFC 5798) (got '2')" },
        { "interface eth1", "'interface' is already set at ha.cfg:2; keep one" },
        { "priorty 150", "unknown keyword 'priorty' in 'ha' section; did you mean 'priority'?" },
        { "advert_intt 1", "unknown keyword 'advert_intt' in 'ha' section; did you mean 'advert_int'?" },
        { "advert_interval 1", "unknown keyword 'advert_interval' in 'ha' section; did you mean 'advert_int'?" },
        { "PRIORITY 150", "unknown keyword 'PRIORITY' in 'ha' section; did you mean 'priority'?" },
        { "authentication", "unknown keyword 'authentication' in 'ha' section; VRRPv2 authentication does not exist in VRRPv3 (RFC 5798 §9): use 'auth_key_file' for our HMAC extension" },
        { "notify_master /bin/x", "unknown keyword 'notify_master' in 'ha' section; use 'notify': it runs on every role change with the new role as an argument" },
        { "frobnicate 1", "unknown keyword 'frobnicate' in 'ha' section" },
        { "unicast_peer {", "'unicast_peer' takes its value on the line, one per line: keepalived's '{ }' blocks are not used in the 'ha' section" },
    };

    [Theory]
    [MemberData(nameof(BadLines))]
    public void Parse_BadLine_ReportsExactError(string line, string message)
    {
        var result = HaSection.ParseWith(line);

        Assert.Null(result.Config);
        Assert.Equal([$"ha.cfg:5: error: {message}"], result.Diagnostics.Select(d => d.ToString()));
    }

    [Theory]
    [InlineData("interface eth0 eth1", "'interface' expects " + IfName + " (got 'eth0 eth1')")]
    [InlineData("interface averyveryverylongname", "'interface' expects " + IfName + " (got 'averyveryverylongname')")]
    [InlineData("interface eth0:1", "'interface' expects " + IfName + " (got 'eth0:1')")]
    public void Parse_BadInterface_ReportsExactError(string line, string message)
    {
        var result = HaSection.Parse(line, "virtual_router_id 51", "virtual_ipaddress 10.0.0.1/24");

        Assert.Equal([$"ha.cfg:2: error: {message}"], result.Diagnostics.Select(d => d.ToString()));
    }

    [Theory]
    [InlineData("unicast_peer 10.0.0.2", "'unicast_peer' 10.0.0.2 is already listed at ha.cfg:5")]
    [InlineData("sync_peer lb2 10.0.0.3:7400", "'sync_peer' 'lb2' is already listed at ha.cfg:5")]
    [InlineData("track_interface eth1 weight 5", "'track_interface' eth1 is already listed at ha.cfg:5")]
    [InlineData("track_script chk /bin/false", "'track_script' 'chk' is already listed at ha.cfg:5")]
    public void Parse_RepeatedEntry_ReportsTheEarlierLine(string second, string message)
    {
        var first = second.Split(' ')[0] switch
        {
            "unicast_peer" => "unicast_peer 10.0.0.2",
            "sync_peer" => "sync_peer lb2 10.0.0.2:7400",
            "track_interface" => "track_interface eth1",
            _ => "track_script chk /bin/true",
        };

        // Sync peers need an authentication mode; it goes after the two lines under test.
        string[] security = first.StartsWith("sync_peer", StringComparison.Ordinal) ? ["sync_psk_file /etc/appliance/sync.key"] : [];
        var result = HaSection.ParseWith([first, second, .. security]);

        Assert.Equal([$"ha.cfg:6: error: {message}"], result.Diagnostics.Select(d => d.ToString()));
    }

    [Fact]
    public void Parse_UnicastPeerIsOwnSource_ReportsError()
    {
        var result = HaSection.ParseWith("unicast_src_ip 10.0.0.1", "unicast_peer 10.0.0.2", "unicast_peer 10.0.0.1");

        Assert.Equal(
            ["ha.cfg:7: error: 'unicast_peer' 10.0.0.1 is this node's own 'unicast_src_ip'"],
            result.Diagnostics.Select(d => d.ToString()));
    }

    [Fact]
    public void Parse_UnicastSourceWithoutPeers_Warns()
    {
        var result = HaSection.ParseWith("unicast_src_ip 10.0.0.1");

        Assert.NotNull(result.Config);
        Assert.Equal(
            ["ha.cfg:5: warning: 'unicast_src_ip' has no effect without 'unicast_peer': adverts go to multicast 224.0.0.18"],
            result.Diagnostics.Select(d => d.ToString()));
    }

    [Fact]
    public void Parse_StateMasterBelowOwnerPriority_WarnsItIsIgnored()
    {
        var result = HaSection.ParseWith("state MASTER", "priority 200");

        Assert.NotNull(result.Config);
        Assert.Equal(
            [
                "ha.cfg:5: warning: 'state MASTER' is accepted for keepalived compatibility but ignored: the election " +
                "decides who is master (priority 255 makes a node master at start-up)",
            ],
            result.Diagnostics.Select(d => d.ToString()));
    }

    [Fact]
    public void Parse_StateMasterWithOwnerPriority_DoesNotWarn()
    {
        Assert.Empty(HaSection.ParseWith("priority 255", "state master").Diagnostics);
    }

    [Fact]
    public void Parse_TooManyVirtualAddresses_ReportsAtThe256th()
    {
        var lines = Enumerable.Range(0, 256).Select(i => $"virtual_ipaddress 10.1.{i / 250}.{(i % 250) + 1}/16").ToArray();

        var result = HaSection.Parse(["interface eth1", "virtual_router_id 51", .. lines]);

        Assert.Equal(
            ["ha.cfg:259: error: 'virtual_ipaddress' is listed 256 times; an advert carries at most 255 addresses (RFC 5798 §5.2.5)"],
            result.Diagnostics.Select(d => d.ToString()));
    }
}
