using Appliance.Contracts.Replication;
using Appliance.HaAgent.Sync.ConfigSync;
using Appliance.Tests.Common;

namespace Appliance.HaAgent.Tests.Sync.ConfigSync;

public class ConfigParticipantGateTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly InMemoryConfigParticipant _participant = new(version: 2);

    private ConfigParticipantGate Gate() => new("lb2", _participant, TimeSpan.FromSeconds(30), _time);

    private static ConfigProposal Proposal(long version, string text = "x\n", string origin = "lb1") =>
        new(version, text, ConfigHash.Compute(text), origin);

    [Fact]
    public async Task PrepareAsync_SecondProposalWhileOneIsStaged_IsRefused()
    {
        var gate = Gate();
        Assert.True((await gate.PrepareAsync(Proposal(3), CancellationToken.None)).Accepted);
        var second = await gate.PrepareAsync(Proposal(3, "y\n", "lb3"), CancellationToken.None);
        Assert.False(second.Accepted);
        Assert.Equal(["another change is in progress: version 3 from lb1"], second.Errors);
        Assert.Equal("lb2", second.Node);
    }

    [Fact]
    public async Task PrepareAsync_StagedProposalOlderThanTheStageTimeout_IsDroppedForTheNewOne()
    {
        var gate = Gate();
        await gate.PrepareAsync(Proposal(3), CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(31));
        Assert.True((await gate.PrepareAsync(Proposal(3, "y\n", "lb3"), CancellationToken.None)).Accepted);
        Assert.Equal([3L], _participant.Aborted);
    }

    [Fact]
    public async Task PrepareAsync_VersionNotNewer_IsRefused()
    {
        var vote = await Gate().PrepareAsync(Proposal(2), CancellationToken.None);
        Assert.Equal(["version 2 is not newer than the running version 2"], vote.Errors);
    }

    [Fact]
    public async Task PrepareAsync_TextNotMatchingItsHash_IsRefused()
    {
        var vote = await Gate().PrepareAsync(new ConfigProposal(3, "x\n", ConfigHash.Compute("y\n"), "lb1"), CancellationToken.None);
        Assert.False(vote.Accepted);
        Assert.StartsWith("the proposal's text does not match its SHA-256", vote.Errors[0]);
    }

    [Fact]
    public async Task CommitAsync_VersionNotStaged_Throws()
    {
        var gate = Gate();
        await gate.PrepareAsync(Proposal(3), CancellationToken.None);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => gate.CommitAsync(4, CancellationToken.None));
        Assert.Equal("the staged proposal is version 3, not 4", error.Message);
        Assert.Equal(new RunningConfig(3, ConfigHash.Compute("x\n")), await gate.CommitAsync(3, CancellationToken.None));
    }

    [Fact]
    public async Task PrepareAsync_NoParticipant_IsRefusedWithTheReason()
    {
        var vote = await new ConfigParticipantGate("lb2", null, TimeSpan.FromSeconds(30), _time).PrepareAsync(Proposal(1), CancellationToken.None);
        Assert.Equal(["this node takes no part in configuration sync (no configuration participant)"], vote.Errors);
    }
}
