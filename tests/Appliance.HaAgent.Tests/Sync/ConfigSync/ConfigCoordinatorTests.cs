using Appliance.Contracts.Replication;
using Appliance.HaAgent.Sync.ConfigSync;
using Appliance.HaAgent.Sync.Grpc;
using Appliance.Tests.Common;

namespace Appliance.HaAgent.Tests.Sync.ConfigSync;

public class ConfigCoordinatorTests
{
    private readonly FakeTimeProvider _time = new();

    private (IConfigNode Node, InMemoryConfigParticipant Participant) Node(string name, long version = 0)
    {
        var participant = new InMemoryConfigParticipant($"/etc/{name}.cfg", version);
        return (new LocalConfigNode(name, new ConfigParticipantGate(name, participant, TimeSpan.FromSeconds(30), _time)), participant);
    }

    private ConfigCoordinator Coordinator() => new("lb1", TimeSpan.FromSeconds(5), _time);

    [Fact]
    public async Task ProposeAsync_AllAccept_CommitsEverywhereAsHighestVersionPlusOne()
    {
        var (a, pa) = Node("lb1", version: 3);
        var (b, pb) = Node("lb2", version: 5);
        var result = await Coordinator().ProposeAsync("frontend web\n", [a, b], CancellationToken.None);

        Assert.True(result.Committed, result.Error);
        Assert.Equal(6, result.Version);
        Assert.Equal(new RunningConfig(6, ConfigHash.Compute("frontend web\n")), pa.Running);
        Assert.Equal(pa.Running, pb.Running);
        Assert.All(result.Nodes, n => Assert.True(n.Committed));
    }

    [Fact]
    public async Task ProposeAsync_OneNodeRefuses_NoneAppliesAndTheErrorNamesItsDiagnostics()
    {
        var (a, pa) = Node("lb1");
        var b = new RefusingNode("lb2", "/etc/appliance/appliance.cfg:2: error: unknown keyword 'bogus'");
        var (c, pc) = Node("lb3");
        var result = await Coordinator().ProposeAsync("frontend web\nbalance x\n", [a, b, c], CancellationToken.None);

        Assert.False(result.Committed);
        Assert.Equal(0, pa.Commits + pc.Commits);
        Assert.Equal([1L], pa.Aborted);
        Assert.Equal([1L], pc.Aborted);
        Assert.Equal(
            "configuration version 1 was applied on no node:\n  lb2 refused it:\n    /etc/appliance/appliance.cfg:2: error: unknown keyword 'bogus'",
            result.Error);
    }

    [Fact]
    public async Task ProposeAsync_NodeUnreachable_NothingIsProposedAndTheErrorNamesIt()
    {
        var (a, pa) = Node("lb1");
        var result = await Coordinator().ProposeAsync("x\n", [a, new UnreachableNode("lb2")], CancellationToken.None);
        Assert.False(result.Committed);
        Assert.Equal(0, pa.Commits);
        Assert.Equal("the configuration was not proposed: the version could not be chosen:\n  lb2: Unavailable: connection refused", result.Error);
    }

    [Fact]
    public async Task CommitAsync_NodeDoesNotAnswerPrepare_TimesOutAndAbortsEverywhere()
    {
        var (a, pa) = Node("lb1");
        var (b, pb) = Node("lb2");
        var never = new TaskCompletionSource();
        pb.PrepareGate = never.Task;
        var proposal = new ConfigProposal(1, "x\n", ConfigHash.Compute("x\n"), "lb1");
        var running = Coordinator().CommitAsync(proposal, [a, b], CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(6));
        var result = await running;

        Assert.False(result.Committed);
        Assert.Equal("no answer within 5 s", result.Nodes[1].Failure);
        Assert.Equal([1L], pa.Aborted);
        Assert.Equal(0, pa.Commits);
    }

    private sealed class RefusingNode(string name, string diagnostic) : IConfigNode
    {
        public string Name => name;

        public Task<RunningConfig> GetRunningAsync(CancellationToken cancellationToken) => Task.FromResult(new RunningConfig(0, ""));

        public Task<ConfigVote> PrepareAsync(ConfigProposal proposal, CancellationToken cancellationToken) =>
            Task.FromResult(new ConfigVote(name, false, [diagnostic]));

        public Task<RunningConfig> CommitAsync(long version, string origin, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("must not be called");

        public Task AbortAsync(long version, string origin, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class UnreachableNode(string name) : IConfigNode
    {
        public string Name => name;

        public Task<RunningConfig> GetRunningAsync(CancellationToken cancellationToken) => throw new RpcException(StatusCode.Unavailable, "connection refused");

        public Task<ConfigVote> PrepareAsync(ConfigProposal proposal, CancellationToken cancellationToken) => throw new RpcException(StatusCode.Unavailable, "connection refused");

        public Task<RunningConfig> CommitAsync(long version, string origin, CancellationToken cancellationToken) => throw new RpcException(StatusCode.Unavailable, "connection refused");

        public Task AbortAsync(long version, string origin, CancellationToken cancellationToken) => throw new RpcException(StatusCode.Unavailable, "connection refused");
    }
}
