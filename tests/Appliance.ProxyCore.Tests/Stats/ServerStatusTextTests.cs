using Appliance.ProxyCore.Model;
using Appliance.ProxyCore.Stats;

namespace Appliance.ProxyCore.Tests.Stats;

public class ServerStatusTextTests
{
    private static ServerModel Server(string options = "check rise 2 fall 3")
    {
        var model = StatsTestModel.Load($"backend be\n    server s 127.0.0.1:80 {options}\n");
        return model.Server("be", "s");
    }

    private static readonly CheckReport Ok = new("L4OK", null, null, "Layer4 check passed", TimeSpan.Zero);

    [Fact]
    public void For_CheckedServerFullyUp_Up()
    {
        var server = Server();
        server.Checks.RecordCheck(Ok, passed: true, health: 4);

        Assert.Equal("UP", ServerStatusText.For(server));
    }

    [Fact]
    public void For_UpWithFailuresSeen_UpWithStepsTowardsFall()
    {
        var server = Server();
        server.Checks.RecordCheck(Ok, passed: false, health: 3);

        Assert.Equal("UP 2/3", ServerStatusText.For(server));
    }

    [Fact]
    public void For_DownWithSuccessesSeen_DownWithStepsTowardsRise()
    {
        var server = Server();
        server.State.SetHealth(ServerHealth.Down, 0);
        server.Checks.RecordCheck(Ok, passed: true, health: 1);

        Assert.Equal("DOWN 1/2", ServerStatusText.For(server));
    }

    [Fact]
    public void For_DownCounterEmpty_Down()
    {
        var server = Server();
        server.State.SetHealth(ServerHealth.Down, 0);
        server.Checks.RecordCheck(Ok with { Status = "L4CON" }, passed: false, health: 0);

        Assert.Equal("DOWN", ServerStatusText.For(server));
    }

    [Fact]
    public void For_NoCheck_NoCheck() => Assert.Equal("no check", ServerStatusText.For(Server(string.Empty)));

    [Theory]
    [InlineData(ServerAdminState.Maint, "MAINT")]
    [InlineData(ServerAdminState.Drain, "DRAIN")]
    public void For_OperatorAdminState_NamedState(ServerAdminState admin, string expected)
    {
        var server = Server(string.Empty);
        server.State.SetOperatorAdmin(admin);

        Assert.Equal(expected, ServerStatusText.For(server));
    }

    [Fact]
    public void For_DrainWithAgent_DrainAgent()
    {
        var server = Server("agent-check agent-port 9999");
        server.State.SetAgentAdmin(ServerAdminState.Drain);

        Assert.Equal("DRAIN (agent)", ServerStatusText.For(server));
    }

    [Fact]
    public void For_AgentSaidDown_DownAgent()
    {
        var server = Server("agent-check agent-port 9999");
        server.Checks.SetAgentSaysDown(true);
        server.State.SetHealth(ServerHealth.Down, 0);

        Assert.Equal("DOWN (agent)", ServerStatusText.For(server));
    }

    [Fact]
    public void For_WeightZero_Nolb() => Assert.Equal("NOLB", ServerStatusText.For(Server("weight 0")));

    [Theory]
    [InlineData("UP", "up")]
    [InlineData("no check", "up")]
    [InlineData("OPEN", "up")]
    [InlineData("DOWN", "down")]
    [InlineData("UP 1/3", "going")]
    [InlineData("DOWN 1/2", "going")]
    [InlineData("MAINT", "maint")]
    [InlineData("DRAIN (agent)", "drain")]
    [InlineData("NOLB", "nolb")]
    public void CssClass_Status_ColourClass(string status, string expected) => Assert.Equal(expected, ServerStatusText.CssClass(status));
}
