using Appliance.ProxyCore.Health;
using Appliance.ProxyCore.Model;

namespace Appliance.ProxyCore.Tests.Health;

public sealed class CheckStateMachineTests
{
    private static readonly TimeSpan Inter = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan FastInter = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan DownInter = TimeSpan.FromSeconds(10);
    private static readonly ProbeResult Pass = ProbeResult.Layer4Passed();
    private static readonly ProbeResult Refused = ProbeResult.Layer4ConnectionProblem("Connection refused");

    private static CheckStateMachine Machine(int rise = 2, int fall = 3) =>
        new(rise, fall, new CheckIntervals(Inter, FastInter, DownInter));

    [Fact]
    public void New_DefaultCounts_StartsUpButNotFullyUp()
    {
        var machine = Machine();

        Assert.Equal(ServerHealth.Up, machine.State);
        Assert.Equal(2, machine.Health);
        Assert.Equal(CheckPhase.GoingDown, machine.Phase);
        Assert.Equal(FastInter, machine.NextInterval);
    }

    [Fact]
    public void Record_FirstFailureAfterStart_GoesDown()
    {
        var decision = Machine().Record(Refused);

        Assert.True(decision.IsTransition);
        Assert.Equal(ServerHealth.Up, decision.From);
        Assert.Equal(ServerHealth.Down, decision.To);
        Assert.Equal(CheckPhase.Down, decision.Phase);
        Assert.Equal(DownInter, decision.NextInterval);
        Assert.Equal("Layer4 connection problem, info: \"Connection refused\"", decision.Reason);
    }

    [Fact]
    public void Record_FirstSuccessAfterStart_BecomesFullyUpWithoutTransition()
    {
        var machine = Machine();

        var decision = machine.Record(Pass);

        Assert.False(decision.IsTransition);
        Assert.Equal(CheckPhase.Up, decision.Phase);
        Assert.Equal(Inter, decision.NextInterval);
        Assert.Equal(4, machine.Health);
    }

    [Fact]
    public void Record_FallFailuresFromFullyUp_GoDownOnTheLastOne()
    {
        var machine = Machine(rise: 2, fall: 3);
        machine.Record(Pass);

        var first = machine.Record(Refused);
        var second = machine.Record(Refused);
        var third = machine.Record(Refused);

        Assert.Equal((ServerHealth.Up, CheckPhase.GoingDown, FastInter), (first.To, first.Phase, first.NextInterval));
        Assert.Equal((ServerHealth.Up, CheckPhase.GoingDown, FastInter), (second.To, second.Phase, second.NextInterval));
        Assert.False(second.IsTransition);
        Assert.True(third.IsTransition);
        Assert.Equal((ServerHealth.Down, CheckPhase.Down, DownInter), (third.To, third.Phase, third.NextInterval));
    }

    [Fact]
    public void Record_RiseSuccessesFromDown_GoUpOnTheLastOne()
    {
        var machine = Machine(rise: 3, fall: 2);
        machine.Record(Refused);

        var first = machine.Record(Pass);
        var second = machine.Record(Pass);
        var third = machine.Record(ProbeResult.Layer4Passed());

        Assert.Equal((ServerHealth.Down, CheckPhase.GoingUp, FastInter), (first.To, first.Phase, first.NextInterval));
        Assert.Equal((ServerHealth.Down, CheckPhase.GoingUp, FastInter), (second.To, second.Phase, second.NextInterval));
        Assert.True(third.IsTransition);
        Assert.Equal((ServerHealth.Up, CheckPhase.Up, Inter), (third.To, third.Phase, third.NextInterval));
        Assert.Equal("Layer4 check passed", third.Reason);
    }

    [Fact]
    public void Record_FailureWhileGoingUp_DropsBackToStablyDown()
    {
        var machine = Machine(rise: 3);
        machine.Record(Refused);
        machine.Record(Pass);

        var decision = machine.Record(Refused);

        Assert.False(decision.IsTransition);
        Assert.Equal(CheckPhase.Down, decision.Phase);
        Assert.Equal(0, machine.Health);
        Assert.Equal(DownInter, decision.NextInterval);
    }

    [Fact]
    public void Record_SuccessWhileGoingDown_RestoresFullyUp()
    {
        var machine = Machine(fall: 3);
        machine.Record(Pass);
        machine.Record(Refused);
        machine.Record(Refused);

        var decision = machine.Record(Pass);

        Assert.Equal(CheckPhase.Up, decision.Phase);
        Assert.Equal(Inter, decision.NextInterval);

        // Needs fall fresh failures again.
        machine.Record(Refused);
        machine.Record(Refused);
        Assert.Equal(ServerHealth.Up, machine.State);
        Assert.Equal(ServerHealth.Down, machine.Record(Refused).To);
    }

    [Fact]
    public void Record_FailureWhileStablyDown_StaysDownWithoutTransition()
    {
        var machine = Machine();
        machine.Record(Refused);

        var decision = machine.Record(Refused);

        Assert.False(decision.IsTransition);
        Assert.Equal(CheckPhase.Down, decision.Phase);
    }

    [Fact]
    public void Record_RiseAndFallOne_FlipOnEveryChange()
    {
        var machine = Machine(rise: 1, fall: 1);
        Assert.Equal(CheckPhase.Up, machine.Phase);

        Assert.Equal(ServerHealth.Down, machine.Record(Refused).To);
        Assert.Equal(ServerHealth.Up, machine.Record(Pass).To);
        Assert.Equal(Inter, machine.NextInterval);
    }

    [Fact]
    public void Reset_AfterDown_ReturnsToStartPoint()
    {
        var machine = Machine();
        machine.Record(Refused);

        machine.Reset();

        Assert.Equal(ServerHealth.Up, machine.State);
        Assert.Equal(CheckPhase.GoingDown, machine.Phase);
        Assert.Equal(ServerHealth.Down, machine.Record(Refused).To);
    }

    [Fact]
    public void NextInterval_FastAndDownUnset_DefaultToInter()
    {
        var machine = new CheckStateMachine(2, 3, new CheckIntervals(Inter));

        Assert.Equal(Inter, machine.NextInterval);
        machine.Record(Refused);
        Assert.Equal(Inter, machine.NextInterval);
    }

    [Theory]
    [InlineData(0, 3)]
    [InlineData(2, 0)]
    public void New_CountBelowOne_Throws(int rise, int fall)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Machine(rise, fall));
    }

    [Fact]
    public void CheckIntervals_NonPositiveInter_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new CheckIntervals(TimeSpan.Zero));
    }
}
