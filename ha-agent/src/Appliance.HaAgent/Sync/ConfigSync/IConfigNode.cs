using Appliance.Contracts.Replication;

namespace Appliance.HaAgent.Sync.ConfigSync;

/// <summary>One node as the configuration coordinator drives it: this node directly, a peer over gRPC.</summary>
public interface IConfigNode
{
    /// <summary>The node's name.</summary>
    string Name { get; }

    /// <summary>What the node runs.</summary>
    Task<RunningConfig> GetRunningAsync(CancellationToken cancellationToken);

    /// <summary>Phase one: validate and stage.</summary>
    Task<ConfigVote> PrepareAsync(ConfigProposal proposal, CancellationToken cancellationToken);

    /// <summary>Phase two: apply what was staged as <paramref name="version"/>; returns what the node then runs.</summary>
    Task<RunningConfig> CommitAsync(long version, string origin, CancellationToken cancellationToken);

    /// <summary>Drop what was staged as <paramref name="version"/>.</summary>
    Task AbortAsync(long version, string origin, CancellationToken cancellationToken);
}
