using System.Net;
using Appliance.Contracts;
using Appliance.HaAgent.Configuration;
using Appliance.HaAgent.Net;

namespace Appliance.HaAgent.Tests.Configuration;

public sealed class HaConfigParserTests
{
    [Fact]
    public void Parse_FullSection_BuildsEveryValue()
    {
        var config = HaSection.ParseValid(
            "interface eth1",
            "virtual_router_id 51",
            "priority 150",
            "advert_int 100ms",
            "preempt_delay 30",
            "virtual_ipaddress 10.213.0.10/24",
            "virtual_ipaddress 10.213.1.10 dev eth2",
            "unicast_src_ip 10.213.0.11",
            "unicast_peer 10.213.0.12",
            "unicast_peer 10.213.0.13",
            "sync_peer lb2 10.213.0.12:7400",
            "sync_peer lb3 [fd00::13]:7400",
            "sync_psk_file /etc/appliance/sync.key",
            "auth_key_file /etc/appliance/ha.key",
            "garp_master_delay 2s",
            "garp_master_repeat 3",
            "garp_interval 20ms",
            "garp_master_refresh 60",
            "track_interface eth0 weight 50",
            "track_interface eth2",
            "track_script chk_dns \"/usr/bin/dig @127.0.0.1 example.org\" interval 2s weight 30 rise 2 fall 3",
            "track_proxy weight 100",
            "notify /etc/appliance/notify.sh",
            "notify_timeout 5s",
            "state BACKUP",
            "vrrp_version 3");

        Assert.Equal("eth1", config.Interface);
        Assert.Equal(51, config.VirtualRouterId);
        Assert.Equal(150, config.Priority);
        Assert.Equal(TimeSpan.FromMilliseconds(100), config.AdvertInterval);
        Assert.Equal(10, config.AdvertIntervalCs);
        Assert.True(config.Preempt);
        Assert.Equal(TimeSpan.FromSeconds(30), config.PreemptDelay);
        Assert.Equal(["10.213.0.10/24", "10.213.1.10/32 dev eth2"], config.VirtualAddresses.Select(v => v.ToString()));
        Assert.Equal(Ip("10.213.0.11"), config.UnicastSource);
        Assert.Equal([Ip("10.213.0.12"), Ip("10.213.0.13")], config.UnicastPeers);
        Assert.True(config.IsUnicast);
        Assert.Equal(
            [new SyncPeerConfig("lb2", IPEndPoint.Parse("10.213.0.12:7400")), new SyncPeerConfig("lb3", IPEndPoint.Parse("[fd00::13]:7400"))],
            config.SyncPeers);
        Assert.Equal("/etc/appliance/ha.key", config.AuthKeyFile);
        Assert.Equal(
            new GarpConfig(TimeSpan.FromSeconds(2), 3, TimeSpan.FromMilliseconds(20), TimeSpan.FromSeconds(60)), config.Garp);
        Assert.Equal([new TrackInterfaceConfig("eth0", 50), new TrackInterfaceConfig("eth2", 254)], config.TrackInterfaces);
        Assert.Equal(
            [new TrackScriptConfig("chk_dns", "/usr/bin/dig @127.0.0.1 example.org", TimeSpan.FromSeconds(2), 30, 2, 3)],
            config.TrackScripts);
        Assert.Equal(new TrackProxyConfig(100), config.TrackProxy);
        Assert.Equal("/etc/appliance/notify.sh", config.Notify);
        Assert.Equal(TimeSpan.FromSeconds(5), config.NotifyTimeout);
        Assert.Equal(HaRole.Backup, config.InitialStateHint);
    }

    [Fact]
    public void Parse_MinimalSection_AppliesDocumentedDefaults()
    {
        var result = HaSection.Parse(HaSection.Minimal);
        var config = result.Config!;

        Assert.Empty(result.Diagnostics);
        Assert.Equal(100, config.Priority);
        Assert.Equal(TimeSpan.FromSeconds(1), config.AdvertInterval);
        Assert.True(config.Preempt);
        Assert.Equal(TimeSpan.Zero, config.PreemptDelay);
        Assert.Null(config.UnicastSource);
        Assert.False(config.IsUnicast);
        Assert.Empty(config.SyncPeers);
        Assert.Null(config.AuthKeyFile);
        Assert.Equal(new GarpConfig(TimeSpan.FromSeconds(5), 5, TimeSpan.FromMilliseconds(10), TimeSpan.Zero), config.Garp);
        Assert.Empty(config.TrackInterfaces);
        Assert.Empty(config.TrackScripts);
        Assert.Null(config.TrackProxy);
        Assert.Null(config.Notify);
        Assert.Equal(TimeSpan.FromSeconds(30), config.NotifyTimeout);
        Assert.Null(config.InitialStateHint);
    }

    [Theory]
    [InlineData("1", 100)]
    [InlineData("1s", 100)]
    [InlineData("1000ms", 100)]
    [InlineData("0.1", 10)]
    [InlineData("10ms", 1)]
    [InlineData("0.01", 1)]
    [InlineData("40.95", 4095)]
    [InlineData("40950ms", 4095)]
    [InlineData("2.5s", 250)]
    public void Parse_AdvertIntForms_GiveCentiseconds(string text, int centiseconds)
    {
        Assert.Equal(centiseconds, HaSection.ParseValid([.. HaSection.Minimal, $"advert_int {text}"]).AdvertIntervalCs);
    }

    [Fact]
    public void Parse_Nopreempt_TurnsPreemptOff()
    {
        Assert.False(HaSection.ParseValid([.. HaSection.Minimal, "nopreempt"]).Preempt);
    }

    [Fact]
    public void Parse_EmptySection_ReportsEveryRequiredKeywordAtTheSectionLine()
    {
        var result = HaSection.Parse();

        Assert.Null(result.Config);
        Assert.Equal(
            [
                "ha.cfg:1: error: 'ha' section requires 'interface' (none given)",
                "ha.cfg:1: error: 'ha' section requires 'virtual_router_id' (none given)",
                "ha.cfg:1: error: 'ha' section requires at least one 'virtual_ipaddress' (none given)",
            ],
            result.Diagnostics.Select(d => d.ToString()));
    }

    [Fact]
    public void Parse_RequiredKeywordGivenButInvalid_ReportsOnlyTheInvalidLine()
    {
        var result = HaSection.Parse("interface eth1", "virtual_router_id 256", "virtual_ipaddress 10.0.0.1/24");

        Assert.Equal(
            ["ha.cfg:3: error: 'virtual_router_id' expects an integer from 1 to 255 (got '256')"],
            result.Diagnostics.Select(d => d.ToString()));
    }

    [Fact]
    public void Parse_SeveralBadLines_ReportsAllAtOnceInLineOrder()
    {
        var result = HaSection.Parse(
            "interface eth1",
            "priority 0",
            "virtual_router_id 51",
            "advert_int 15ms",
            "virtual_ipaddress 10.0.0.1/24",
            "priorty 150");

        Assert.Null(result.Config);
        Assert.Equal(
            [
                "ha.cfg:3: error: 'priority' expects an integer from 1 to 255 (got '0')",
                "ha.cfg:5: error: 'advert_int' expects a time from 10ms to 40.95s in steps of 10ms, such as 1, 1s, 100ms or 0.1 (got '15ms')",
                "ha.cfg:7: error: unknown keyword 'priorty' in 'ha' section; did you mean 'priority'?",
            ],
            result.Diagnostics.Select(d => d.ToString()));
    }

    [Fact]
    public void Parse_WarningsOnly_StillBuildsConfig()
    {
        var result = HaSection.ParseWith("nopreempt", "preempt_delay 10");

        Assert.NotNull(result.Config);
        Assert.False(result.HasErrors);
        Assert.Equal(
            ["ha.cfg:6: warning: 'preempt_delay' has no effect with 'nopreempt' (set at ha.cfg:5)"],
            result.Diagnostics.Select(d => d.ToString()));
    }

    [Fact]
    public void ResolvedVirtualAddresses_LineWithoutDev_UsesTheSectionInterface()
    {
        var config = HaSection.ParseValid([.. HaSection.Minimal, "virtual_ipaddress 10.213.1.10/24 dev eth2"]);

        Assert.Equal(["10.213.0.10/24 dev eth1", "10.213.1.10/24 dev eth2"], config.ResolvedVirtualAddresses.Select(a => a.ToString()));
    }

    [Fact]
    public void ToInstanceOptions_WithUnicastSource_UsesItAsPrimaryAddress()
    {
        var config = HaSection.ParseValid(
            [.. HaSection.Minimal, "priority 150", "advert_int 0.5", "nopreempt", "unicast_src_ip 10.0.0.1", "unicast_peer 10.0.0.2"]);

        var options = config.ToInstanceOptions(Ip("192.168.0.1"));

        Assert.Equal(new Appliance.HaAgent.Vrrp.VrrpInstanceOptions(51, Ip("10.0.0.1"), 150, 50, false, TimeSpan.Zero), options);
        Assert.Equal(Ip("192.168.0.1"), HaSection.ParseValid(HaSection.Minimal).ToInstanceOptions(Ip("192.168.0.1")).PrimaryAddress);
    }

    [Fact]
    public void Keywords_EveryKeyword_IsDocumentedInDocsHaMd()
    {
        var docs = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "ha.md"));

        var undocumented = HaConfigParser.Keywords.Where(k => !docs.Contains($"`{k}", StringComparison.Ordinal)).ToArray();

        Assert.Equal([], undocumented);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Appliance.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Appliance.sln not found above the test output");
    }

    private static Ipv4Address Ip(string text) => Ipv4Address.TryParse(text, out var address) ? address : throw new ArgumentException(text);
}
