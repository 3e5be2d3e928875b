using Appliance.ProxyCore.Configuration;
using Appliance.ProxyCore.LoadBalancing;
using Appliance.ProxyCore.Model;
using static Appliance.ProxyCore.Tests.LoadBalancing.TestServers;

namespace Appliance.ProxyCore.Tests.LoadBalancing;

public class ServerSelectorTests
{
    private static readonly RoundRobinPolicy s_roundRobin = new();

    /// <summary>a1, a2 active; b1, b2 backups.</summary>
    private static ServerModel[] ActiveAndBackups(int maxConn = 0) => Build(
        Config("a1", maxConn: maxConn),
        Config("a2", maxConn: maxConn),
        Config("b1", maxConn: maxConn, backup: true),
        Config("b2", maxConn: maxConn, backup: true));

    private static ServerSelector Selector(IReadOnlyList<ServerModel> servers, bool allBackups = false) =>
        new(servers, Create(s_roundRobin, servers), allBackups);

    [Fact]
    public void Select_ActiveUp_NeverUsesBackups()
    {
        var servers = ActiveAndBackups();

        Assert.Equal([500, 500, 0, 0], Count(Selector(servers), 1000));
    }

    [Fact]
    public void Select_OneActiveLeft_StillNoBackups()
    {
        var servers = ActiveAndBackups();
        SetDown(servers[0]);

        Assert.Equal([0, 1000, 0, 0], Count(Selector(servers), 1000));
    }

    [Fact]
    public void Select_AllActiveDown_UsesFirstBackupOnly()
    {
        var servers = ActiveAndBackups();
        SetDown(servers[0]);
        SetDown(servers[1]);

        Assert.Equal([0, 0, 1000, 0], Count(Selector(servers), 1000));
    }

    [Fact]
    public void Select_FirstBackupDown_UsesNextBackup()
    {
        var servers = ActiveAndBackups();
        SetDown(servers[0]);
        SetDown(servers[1]);
        SetDown(servers[2]);

        Assert.Equal([0, 0, 0, 1000], Count(Selector(servers), 1000));
    }

    [Fact]
    public void Select_AllBackups_SpreadsOverUsableBackups()
    {
        var servers = ActiveAndBackups();
        SetDown(servers[0]);
        SetDown(servers[1]);

        Assert.Equal([0, 0, 500, 500], Count(Selector(servers, allBackups: true), 1000));
    }

    [Fact]
    public void Select_AllActiveDrained_UsesBackup()
    {
        var servers = ActiveAndBackups();
        servers[0].State.SetOperatorAdmin(ServerAdminState.Drain);
        servers[1].State.SetAgentWeightPercent(0);

        Assert.Equal([0, 0, 1000, 0], Count(Selector(servers), 1000));
    }

    [Fact]
    public void Select_ActiveBackAfterOutage_BackupsStop()
    {
        var servers = ActiveAndBackups();
        var selector = Selector(servers);
        SetDown(servers[0]);
        SetDown(servers[1]);
        Assert.Same(servers[2], selector.Select(default).Server);

        SetUp(servers[1]);

        Assert.Equal([0, 1000, 0, 0], Count(selector, 1000));
    }

    [Fact]
    public void Select_ActiveServersAllFull_AllFullWithoutFallingToBackups()
    {
        var servers = ActiveAndBackups(maxConn: 1);
        servers[0].State.TryAcquireSlot();
        servers[1].State.TryAcquireSlot();

        Assert.Equal(ServerSelection.AllFull, Selector(servers).Select(default));
    }

    [Fact]
    public void Select_OneActiveFull_OtherPicked()
    {
        var servers = ActiveAndBackups(maxConn: 1);
        servers[0].State.TryAcquireSlot();

        Assert.Equal([0, 100, 0, 0], Count(Selector(servers), 100));
    }

    [Fact]
    public void Select_FirstBackupFullWithoutAllBackups_AllFull()
    {
        var servers = ActiveAndBackups(maxConn: 1);
        SetDown(servers[0]);
        SetDown(servers[1]);
        servers[2].State.TryAcquireSlot();

        Assert.Equal(ServerSelection.AllFull, Selector(servers).Select(default));
    }

    [Fact]
    public void Select_FirstBackupFullWithAllBackups_OtherBackupPicked()
    {
        var servers = ActiveAndBackups(maxConn: 1);
        SetDown(servers[0]);
        SetDown(servers[1]);
        servers[2].State.TryAcquireSlot();

        Assert.Equal(ServerSelection.Picked(servers[3]), Selector(servers, allBackups: true).Select(default));
    }

    [Fact]
    public void Select_EverythingDownOrInMaintenance_NoServer()
    {
        var servers = ActiveAndBackups();
        SetDown(servers[0]);
        servers[1].State.SetOperatorAdmin(ServerAdminState.Maint);
        SetDown(servers[2]);
        servers[3].State.SetAgentAdmin(ServerAdminState.Drain);

        var selection = Selector(servers).Select(default);

        Assert.Equal(ServerSelectionOutcome.NoServer, selection.Outcome);
        Assert.Null(selection.Server);
    }

    [Fact]
    public void Select_NoServersConfigured_NoServer()
    {
        Assert.Equal(ServerSelection.NoServer, Selector([]).Select(default));
    }

    [Fact]
    public void Select_DisabledServer_NeverPicked()
    {
        var servers = Build(Config("a1") with { Disabled = true }, Config("a2"));

        Assert.Equal([0, 100], Count(Selector(servers), 100));
    }

    [Fact]
    public void Select_ExcludeWithOtherCandidate_AvoidsExcluded()
    {
        var servers = Build(Config("a1"), Config("a2"), Config("a3"));
        var selector = Selector(servers);

        for (var i = 0; i < 100; i++)
        {
            Assert.NotSame(servers[1], selector.Select(default, exclude: servers[1]).Server);
        }
    }

    [Fact]
    public void Select_ExcludeOnlyCandidate_PicksItAnyway()
    {
        var servers = ActiveAndBackups();
        SetDown(servers[1]);

        Assert.Equal(ServerSelection.Picked(servers[0]), Selector(servers).Select(default, exclude: servers[0]));
    }

    [Fact]
    public void Select_ExcludeOtherFull_PicksExcludedRatherThanQueue()
    {
        var servers = ActiveAndBackups(maxConn: 1);
        servers[1].State.TryAcquireSlot();

        Assert.Equal(ServerSelection.Picked(servers[0]), Selector(servers).Select(default, exclude: servers[0]));
    }

    [Fact]
    public void Select_ExcludeBackupWithAllBackups_OtherBackupPicked()
    {
        var servers = ActiveAndBackups();
        SetDown(servers[0]);
        SetDown(servers[1]);

        Assert.Equal(ServerSelection.Picked(servers[3]), Selector(servers, allBackups: true).Select(default, exclude: servers[2]));
    }

    [Fact]
    public void Create_FromBackendConfig_UsesAlgorithmAndAllBackups()
    {
        var servers = Build(Config("a1", maxConn: 1), Config("a2", maxConn: 1), Config("b1", backup: true), Config("b2", backup: true));
        var backend = new ProxyConfig
        {
            Name = "app",
            Kind = ProxyKind.Backend,
            Location = new SourceLocation("test.cfg", 10),
            Balance = new BalanceConfig("first", []),
            Options = new HashSet<string>(StringComparer.Ordinal) { "allbackups" },
        };

        var selector = ServerSelector.Create(backend, servers, LoadBalancingPolicyRegistry.Default);

        Assert.True(selector.AllBackups);
        Assert.Equal("a1 a1", Sequence(selector, 2));
        servers[0].State.TryAcquireSlot();
        Assert.Equal("a2", Sequence(selector, 1));
        SetDown(servers[0]);
        SetDown(servers[1]);
        Assert.Equal("b1", Sequence(selector, 1));
    }

    [Fact]
    public void Create_UnknownAlgorithm_Throws()
    {
        var backend = new ProxyConfig
        {
            Name = "app",
            Kind = ProxyKind.Backend,
            Location = new SourceLocation("test.cfg", 10),
            Balance = new BalanceConfig("fastest", []),
        };

        var error = Assert.Throws<ArgumentException>(() => ServerSelector.Create(backend, [], LoadBalancingPolicyRegistry.Default));

        Assert.StartsWith("'balance' does not know the algorithm 'fastest'", error.Message);
    }
}
