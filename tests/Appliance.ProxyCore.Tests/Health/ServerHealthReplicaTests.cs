using Appliance.Contracts.Replication;
using Appliance.ProxyCore.Health;
using Appliance.ProxyCore.LoadBalancing;
using Appliance.ProxyCore.Model;
using Appliance.ProxyCore.Tests.Configuration;
using Appliance.Tests.Common;

namespace Appliance.ProxyCore.Tests.Health;

public sealed class ServerHealthReplicaTests
{
    private readonly Dictionary<string, BackendModel> _backends = new(StringComparer.Ordinal);
    private readonly ServerHealthReplica _replica;
    private readonly List<ServerHealthEntry> _changes = [];

    public ServerHealthReplicaTests()
    {
        var config = ConfigTestHelper.Load(
            "defaults\n    timeout connect 1s\n    timeout client 1s\n    timeout server 1s\nbackend be\n" +
            "    server checked 127.0.0.1:81 check\n    server plain 127.0.0.1:82\n").Config!;
        _backends["be"] = new BackendModel(config.FindBackend("be")!, LoadBalancingPolicyRegistry.Default, new FakeTimeProvider());
        _replica = new ServerHealthReplica(() => _backends);
        _replica.Attach(_backends);
        _replica.Changed += _changes.Add;
    }

    private ServerModel Checked => _backends["be"].FindServer("checked")!;

    private ServerModel Plain => _backends["be"].FindServer("plain")!;

    [Fact]
    public void Snapshot_EveryServer_AdminBeforeHealth()
    {
        Plain.State.SetOperatorAdmin(ServerAdminState.Drain);
        Checked.State.SetHealth(ServerHealth.Down, 0);

        Assert.Equal(
            [("be", "checked", ServerStatus.Down), ("be", "plain", ServerStatus.Drain)],
            _replica.Snapshot().Select(e => (e.Backend, e.Server, e.Status)));
    }

    [Fact]
    public void Apply_AdminStates_SetAsGiven_NotEchoed()
    {
        Assert.True(_replica.Apply(new ServerHealthEntry("be", "plain", ServerStatus.Maintenance, "")));
        Assert.Equal(ServerAdminState.Maint, Plain.State.OperatorAdmin);
        Assert.True(_replica.Apply(new ServerHealthEntry("be", "plain", ServerStatus.Up, "")));
        Assert.Equal(ServerAdminState.Ready, Plain.State.OperatorAdmin);

        Assert.Empty(_changes);
    }

    [Fact]
    public void Apply_DownBeforeOwnCheck_Taken_AfterOwnCheck_Ignored()
    {
        Assert.True(_replica.Apply(new ServerHealthEntry("be", "checked", ServerStatus.Down, "L4CON")));
        Assert.Equal(ServerHealth.Down, Checked.State.Health);

        Checked.State.SetHealth(ServerHealth.Up, 0);
        Checked.Checks.RecordCheck(new CheckReport("L4OK", null, null, "Layer4 check passed", TimeSpan.Zero), passed: true, health: 3);
        _replica.Apply(new ServerHealthEntry("be", "checked", ServerStatus.Down, "L4CON"));
        Assert.Equal(ServerHealth.Up, Checked.State.Health);
    }

    [Fact]
    public void Apply_DownForServerWithoutChecks_HealthUnchanged()
    {
        _replica.Apply(new ServerHealthEntry("be", "plain", ServerStatus.Down, ""));

        Assert.Equal(ServerHealth.Up, Plain.State.Health);
    }

    [Fact]
    public void Apply_UnknownServer_False()
    {
        Assert.False(_replica.Apply(new ServerHealthEntry("be", "ghost", ServerStatus.Up, "")));
        Assert.False(_replica.Apply(new ServerHealthEntry("nope", "plain", ServerStatus.Up, "")));
    }

    [Fact]
    public void Changed_LocalFlips_RaisedOncePerFlip_NotForWeight()
    {
        Checked.State.SetHealth(ServerHealth.Down, 0);
        Checked.State.SetAgentWeightPercent(50);
        Plain.State.SetOperatorAdmin(ServerAdminState.Drain);
        Checked.State.SetHealth(ServerHealth.Up, 0);

        Assert.Equal(
            [("checked", ServerStatus.Down), ("plain", ServerStatus.Drain), ("checked", ServerStatus.Up)],
            _changes.Select(e => (e.Server, e.Status)));
    }
}
