using Appliance.Contracts.Replication;

namespace Appliance.HaAgent.Sync.ConfigSync;

/// <summary>
/// Guards this node's <see cref="IConfigParticipant"/> for every coordinator (local or remote): at most one proposal
/// is staged at a time (a second one is refused while the first awaits its decision, so two concurrent proposals of
/// the same version cannot both commit), a proposal must be newer than what runs and its text must match its hash,
/// and a staged proposal whose coordinator vanished is dropped after <c>stageTimeout</c>. Thread-safe.
/// </summary>
public sealed class ConfigParticipantGate
{
    private readonly object _gate = new();
    private readonly string _node;
    private readonly IConfigParticipant? _participant;
    private readonly TimeSpan _stageTimeout;
    private readonly TimeProvider _time;
    private Staged? _staged;

    /// <summary>The gate of node <paramref name="node"/>; <paramref name="participant"/> null refuses every proposal.</summary>
    public ConfigParticipantGate(string node, IConfigParticipant? participant, TimeSpan stageTimeout, TimeProvider time)
    {
        _node = node;
        _participant = participant;
        _stageTimeout = stageTimeout;
        _time = time;
    }

    /// <summary>What this node runs; null without a participant.</summary>
    public RunningConfig? Running => _participant?.Running;

    /// <summary>Phase one on this node.</summary>
    public async Task<ConfigVote> PrepareAsync(ConfigProposal proposal, CancellationToken cancellationToken)
    {
        if (_participant is null)
        {
            return Refuse("this node takes no part in configuration sync (no configuration participant)");
        }

        if (ConfigHash.Compute(proposal.SharedText) != proposal.Sha256)
        {
            return Refuse($"the proposal's text does not match its SHA-256 {proposal.Sha256}");
        }

        var running = _participant.Running;
        if (proposal.Version <= running.Version)
        {
            return Refuse($"version {proposal.Version} is not newer than the running version {running.Version}");
        }

        lock (_gate)
        {
            if (_staged is { } staged)
            {
                if (_time.GetUtcNow() - staged.At < _stageTimeout)
                {
                    return Refuse($"another change is in progress: version {staged.Version} from {staged.Origin}");
                }

                _participant.Abort(staged.Version);
            }

            _staged = new Staged(proposal.Version, proposal.Origin, _time.GetUtcNow());
        }

        ConfigVote vote;
        try
        {
            vote = await _participant.PrepareAsync(proposal, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Clear(proposal.Version);
            throw;
        }

        if (!vote.Accepted)
        {
            Clear(proposal.Version);
        }

        return vote with { Node = _node };
    }

    /// <summary>Phase two on this node.</summary>
    /// <exception cref="InvalidOperationException">When <paramref name="version"/> is not the staged proposal.</exception>
    public async Task<RunningConfig> CommitAsync(long version, CancellationToken cancellationToken)
    {
        if (_participant is null)
        {
            throw new InvalidOperationException("this node takes no part in configuration sync");
        }

        lock (_gate)
        {
            if (_staged?.Version != version)
            {
                throw new InvalidOperationException(_staged is null
                    ? $"no proposal is staged here (version {version} was dropped or never prepared)"
                    : $"the staged proposal is version {_staged.Version}, not {version}");
            }
        }

        try
        {
            await _participant.CommitAsync(version, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Clear(version);
        }

        return _participant.Running;
    }

    /// <summary>Drops the staged proposal of <paramref name="version"/>, if it is the staged one.</summary>
    public void Abort(long version)
    {
        if (Clear(version))
        {
            _participant?.Abort(version);
        }
    }

    private bool Clear(long version)
    {
        lock (_gate)
        {
            if (_staged?.Version != version)
            {
                return false;
            }

            _staged = null;
            return true;
        }
    }

    private ConfigVote Refuse(string reason) => new(_node, false, [reason]);

    private sealed record Staged(long Version, string Origin, DateTimeOffset At);
}
