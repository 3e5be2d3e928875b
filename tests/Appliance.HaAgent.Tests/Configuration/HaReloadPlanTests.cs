using Appliance.HaAgent.Configuration;

namespace Appliance.HaAgent.Tests.Configuration;

public sealed class HaReloadPlanTests
{
    private static HaConfig Section(params string[] extra) => HaSection.ParseValid([.. HaSection.Minimal, .. extra]);

    [Fact]
    public void Compare_SameSection_IsEmpty()
    {
        var plan = HaReloadPlan.Compare(Section("priority 150"), Section("priority 150"));
        Assert.True(plan.IsEmpty);
        Assert.Equal("ha: unchanged", plan.ToString());
    }

    [Fact]
    public void Compare_ElectionKeywordsChanged_AppliedLiveWithOldAndNewValues()
    {
        var running = Section("priority 150", "advert_int 1s", "preempt_delay 5s");
        var next = Section("priority 50", "advert_int 100ms", "nopreempt", "preempt_delay 0");

        var plan = HaReloadPlan.Compare(running, next);

        Assert.Equal(["priority 150 -> 50", "advert_int 1s -> 100ms", "nopreempt off -> on", "preempt_delay 5s -> 0s"], plan.Applied);
        Assert.Empty(plan.NeedsRestart);
        Assert.Equal(next with { SyncPeers = running.SyncPeers }, plan.Effective);
    }

    [Fact]
    public void Compare_VipsPeersTrackersNotifyGarp_AppliedLive()
    {
        var running = Section("unicast_peer 10.213.0.12", "track_interface eth0", "garp_master_repeat 5");
        var next = HaSection.ParseValid(
            "interface eth1", "virtual_router_id 51", "virtual_ipaddress 10.213.0.10/24", "virtual_ipaddress 10.213.0.20/24 dev eth2",
            "unicast_peer 10.213.0.13", "track_interface eth0 weight 50", "track_script chk \"/bin/true\"", "track_proxy",
            "garp_master_repeat 2", "notify /usr/local/bin/notify", "notify_timeout 5s");

        var plan = HaReloadPlan.Compare(running, next);

        Assert.Equal(
            [
                "virtual_ipaddress +10.213.0.20/24 dev eth2",
                "unicast_peer +10.213.0.13 -10.213.0.12",
                "garp_master_repeat 5 -> 2",
                "track_interface +eth0 weight 50 -eth0 weight 254",
                "track_script +chk",
                "track_proxy off -> weight 254",
                "notify (none) -> /usr/local/bin/notify",
                "notify_timeout 30s -> 5s",
            ],
            plan.Applied);
        Assert.Empty(plan.NeedsRestart);
    }

    [Fact]
    public void Compare_IdentityAndSocketsChanged_NeedRestartAndKeepRunningValues()
    {
        var running = Section("priority 100");
        var next = HaSection.ParseValid(
            "interface eth2", "virtual_router_id 52", "virtual_ipaddress 10.213.0.10/24", "priority 120",
            "unicast_src_ip 10.213.0.11", "unicast_peer 10.213.0.12", "auth_key_file /etc/appliance/ha.key");

        var plan = HaReloadPlan.Compare(running, next);

        Assert.Equal(["priority 100 -> 120"], plan.Applied);
        Assert.Equal(
            [
                "interface eth1 -> eth2",
                "virtual_router_id 51 -> 52",
                "unicast_src_ip (primary address) -> 10.213.0.11",
                "auth_key_file (none) -> /etc/appliance/ha.key",
                "unicast_peer (multicast) -> 10.213.0.12",
            ],
            plan.NeedsRestart);
        Assert.Equal(("eth1", (byte)51, (byte)120), (plan.Effective.Interface, plan.Effective.VirtualRouterId, plan.Effective.Priority));
        Assert.Null(plan.Effective.UnicastSource);
        Assert.Null(plan.Effective.AuthKeyFile);
        Assert.False(plan.Effective.IsUnicast);
        // A VIP without 'dev' stays on the running interface.
        Assert.Equal("eth1", plan.Effective.ResolvedVirtualAddresses[0].Device);
        Assert.Equal(
            "ha: applied priority 100 -> 120; restart needed for interface eth1 -> eth2, virtual_router_id 51 -> 52, "
            + "unicast_src_ip (primary address) -> 10.213.0.11, auth_key_file (none) -> /etc/appliance/ha.key, "
            + "unicast_peer (multicast) -> 10.213.0.12 (the running values stay until then)",
            plan.ToString());
    }

    [Fact]
    public void Compare_SyncAndDiscoveryChanged_NeedRestart()
    {
        var running = Section("sync_peer lb2 10.213.0.12:7400", "sync_psk_file /etc/appliance/psk", "node_name lb1");
        var next = Section(
            "sync_peer lb2 10.213.0.12:7400", "sync_peer lb3 10.213.0.13:7400", "sync_psk_file /etc/appliance/psk2",
            "node_name lb1", "sync_listen 10.213.0.11:7400", "discovery mdns", "cluster_id web");

        var plan = HaReloadPlan.Compare(running, next);

        Assert.Empty(plan.Applied);
        Assert.Equal(
            [
                "sync_peer +lb3 10.213.0.13:7400",
                "sync_listen 0.0.0.0:7400 -> 10.213.0.11:7400",
                "sync_psk_file /etc/appliance/psk -> /etc/appliance/psk2",
                "discovery off -> mdns sync_port 7400",
                "cluster_id (none) -> web",
            ],
            plan.NeedsRestart);
        Assert.Equal(running.SyncPeers, plan.Effective.SyncPeers);
        Assert.Equal(running.Sync, plan.Effective.Sync);
        Assert.Null(plan.Effective.Discovery);
    }
}
