using Appliance.Contracts.Replication;
using Appliance.Host.Hosting;
using Appliance.Host.Store;
using Microsoft.Extensions.Logging;

namespace Appliance.Host.Sync;

/// <summary>
/// This node's part in configuration sync (docs/operations.md "Configuration sync"). Prepare builds this node's file
/// from the proposal's shared text and its own <c>ha</c> section, validates it as <c>appliance check</c> does and stages
/// it; Commit writes the file atomically, applies it through the hitless reload and records the version; Abort drops it.
/// </summary>
internal sealed class HostConfigParticipant : IConfigParticipant
{
    // Proposals staged at once; an origin that vanished between the phases leaves one behind, so the oldest go first.
    private const int MaxStaged = 8;

    private readonly ConfigReloader _reloader;
    private readonly ConfigRecorder? _recorder;
    private readonly string _nodeName;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly SortedDictionary<long, (ConfigProposal Proposal, string Text)> _staged = [];
    // The cluster-wide version of the last configuration committed here (0: none since the store was created).
    private long _version;

    // The hash of the running text's shared part, computed once per running text (Running is read on every ack).
    private (string Text, string Sha256) _hashed = (string.Empty, ConfigStore.Hash(string.Empty));

    /// <param name="reloader">Applies a committed file; its <see cref="ConfigReloader.RunningText"/> is what the node runs.</param>
    /// <param name="recorder">Where versions are recorded; null = not recorded.</param>
    /// <param name="nodeName">This node's name, to tell its own proposals from its peers'.</param>
    /// <param name="logger">Where prepares, refusals and commits are logged.</param>
    public HostConfigParticipant(ConfigReloader reloader, ConfigRecorder? recorder, string nodeName, ILogger logger)
    {
        _reloader = reloader;
        _recorder = recorder;
        _nodeName = nodeName;
        _logger = logger;
        _version = recorder?.SyncedConfig?.Version ?? 0;
    }

    /// <summary>
    /// The last committed version with the hash of what actually runs: after a local change (an edit made while the node
    /// was down, <c>appliance reload --local</c>) the hash differs from the other nodes' at the same version, which is
    /// reported as drift and repaired by the next cluster reload, never silently overwritten.
    /// </summary>
    public RunningConfig Running
    {
        get
        {
            var text = _reloader.RunningText;
            lock (_gate)
            {
                if (!ReferenceEquals(_hashed.Text, text))
                {
                    _hashed = (text, ConfigStore.Hash(SharedConfigText.Shared(text)));
                }

                return new RunningConfig(_version, _hashed.Sha256);
            }
        }
    }

    /// <summary>The shared text of the configuration this node runs (the master sends it to a node that runs an older version).</summary>
    public string RunningSharedText => SharedConfigText.Shared(_reloader.RunningText);

    /// <inheritdoc />
    public Task<ConfigVote> PrepareAsync(ConfigProposal proposal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        if (ConfigStore.Hash(proposal.SharedText) != proposal.Sha256)
        {
            return Task.FromResult(Refuse(proposal, [$"the shared text of v{proposal.Version} does not match its SHA-256 {proposal.Sha256}"]));
        }

        var text = Compose(proposal.SharedText);
        var (config, errors) = ConfigValidation.Validate(_reloader.Load(text));
        if (config is null)
        {
            return Task.FromResult(Refuse(proposal, errors));
        }

        lock (_gate)
        {
            _staged[proposal.Version] = (proposal, text);
            while (_staged.Count > MaxStaged)
            {
                _staged.Remove(_staged.Keys.First());
            }
        }

        SyncLog.Prepared(_logger, proposal.Version, proposal.Origin);
        return Task.FromResult(new ConfigVote(_nodeName, true, []));
    }

    /// <inheritdoc />
    public async Task CommitAsync(long version, CancellationToken cancellationToken)
    {
        (ConfigProposal Proposal, string Text) staged;
        lock (_gate)
        {
            if (!_staged.Remove(version, out staged))
            {
                throw new InvalidOperationException($"no configuration v{version} is staged on {_nodeName}");
            }
        }

        var previous = TryRead(_reloader.Path);
        AtomicFile.WriteAllText(_reloader.Path, staged.Text);
        var origin = staged.Proposal.Origin == _nodeName ? ConfigOrigin.Reload : $"{ConfigOrigin.Sync}:{staged.Proposal.Origin}";
        var (applied, message) = await _reloader.ApplyAsync(staged.Text, origin).ConfigureAwait(false);
        if (!applied)
        {
            // The file keeps describing what runs: a commit that could not be applied (a port taken meanwhile) is undone on disk.
            if (previous is not null)
            {
                AtomicFile.WriteAllText(_reloader.Path, previous);
            }

            throw new InvalidOperationException($"{_nodeName} could not apply v{version}: {message}");
        }

        lock (_gate)
        {
            _version = version;
            foreach (var older in _staged.Keys.Where(v => v <= version).ToList())
            {
                _staged.Remove(older);
            }
        }

        _recorder?.RecordSynced(version, staged.Proposal.Sha256);
        SyncLog.Committed(_logger, version, staged.Proposal.Origin);
    }

    /// <inheritdoc />
    public void Abort(long version)
    {
        lock (_gate)
        {
            if (_staged.Remove(version))
            {
                SyncLog.Aborted(_logger, version);
            }
        }
    }

    /// <summary>
    /// This node's file for <paramref name="shared"/>: the file on disk as it is when its shared part is exactly that (the
    /// origin keeps its layout and comments); otherwise the shared text followed by the file's own <c>ha</c> section (the
    /// running one when the file cannot be read).
    /// </summary>
    private string Compose(string shared)
    {
        var disk = TryRead(_reloader.Path);
        if (disk is not null && SharedConfigText.Shared(disk) == shared)
        {
            return disk;
        }

        return SharedConfigText.Combine(shared, SharedConfigText.Split(disk ?? _reloader.RunningText).Local);
    }

    private ConfigVote Refuse(ConfigProposal proposal, IReadOnlyList<string> errors)
    {
        SyncLog.Refused(_logger, proposal.Version, proposal.Origin, errors.Count, errors.Count > 0 ? errors[0] : string.Empty);
        return new ConfigVote(_nodeName, false, errors);
    }

    private static string? TryRead(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
