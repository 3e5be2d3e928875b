namespace Appliance.Contracts.Replication;

/// <summary>
/// A node's part in configuration sync (implemented by the host): validate without applying, then apply what was
/// validated. The sync service drives it on every node, the origin included.
/// </summary>
public interface IConfigParticipant
{
    /// <summary>What this node runs now.</summary>
    RunningConfig Running { get; }

    /// <summary>
    /// Phase one: combines the shared text with this node's local part, validates it fully (as <c>appliance check</c>
    /// would) and stages it. Applies nothing.
    /// </summary>
    Task<ConfigVote> PrepareAsync(ConfigProposal proposal, CancellationToken cancellationToken);

    /// <summary>Phase two: applies the staged proposal of that version atomically (writes the file, reloads).</summary>
    Task CommitAsync(long version, CancellationToken cancellationToken);

    /// <summary>Drops a staged proposal (another node refused it, or the origin gave up).</summary>
    void Abort(long version);
}
