using Appliance.Contracts.Replication;

namespace Appliance.HaAgent.Sync.ConfigSync;

/// <summary>This node as a coordinator's <see cref="IConfigNode"/>: its <see cref="ConfigParticipantGate"/>, called directly.</summary>
public sealed class LocalConfigNode : IConfigNode
{
    private readonly ConfigParticipantGate _gate;

    /// <summary>Node <paramref name="name"/> behind <paramref name="gate"/>.</summary>
    public LocalConfigNode(string name, ConfigParticipantGate gate)
    {
        Name = name;
        _gate = gate;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public Task<RunningConfig> GetRunningAsync(CancellationToken cancellationToken) =>
        Task.FromResult(_gate.Running ?? throw new InvalidOperationException("this node takes no part in configuration sync"));

    /// <inheritdoc />
    public Task<ConfigVote> PrepareAsync(ConfigProposal proposal, CancellationToken cancellationToken) => _gate.PrepareAsync(proposal, cancellationToken);

    /// <inheritdoc />
    public Task<RunningConfig> CommitAsync(long version, string origin, CancellationToken cancellationToken) => _gate.CommitAsync(version, cancellationToken);

    /// <inheritdoc />
    public Task AbortAsync(long version, string origin, CancellationToken cancellationToken)
    {
        _gate.Abort(version);
        return Task.CompletedTask;
    }
}
