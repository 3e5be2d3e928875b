using Appliance.Contracts.Replication;
using Appliance.HaAgent.Sync.ConfigSync;

namespace Appliance.HaAgent.Tests.Sync.ConfigSync;

/// <summary>
/// A small <see cref="IConfigParticipant"/> for tests: validation refuses any text containing a line that starts with
/// its refused word (default <see cref="RefusedLine"/>) (with a FILE:LINE diagnostic naming it); commit runs the staged text.
/// </summary>
internal sealed class InMemoryConfigParticipant : IConfigParticipant
{
    public const string RefusedLine = "bogus";

    private readonly object _gate = new();
    private readonly string _file;
    private ConfigProposal? _staged;

    private readonly string _refused;

    public InMemoryConfigParticipant(string file = "/etc/appliance/appliance.cfg", long version = 0, string text = "", string refused = RefusedLine)
    {
        _file = file;
        _refused = refused;
        RunningText = text;
        Running = new RunningConfig(version, ConfigHash.Compute(text));
    }

    public RunningConfig Running { get; private set; }

    public string RunningText { get; private set; }

    public int Commits { get; private set; }

    public List<long> Aborted { get; } = [];

    /// <summary>When set, Prepare waits for it (an unresponsive node).</summary>
    public Task? PrepareGate { get; set; }

    public async Task<ConfigVote> PrepareAsync(ConfigProposal proposal, CancellationToken cancellationToken)
    {
        if (PrepareGate is { } gate)
        {
            await gate.WaitAsync(cancellationToken);
        }

        var lines = proposal.SharedText.Split('\n');
        var errors = lines.Select((line, i) => (line, i))
            .Where(l => l.line.TrimStart().StartsWith(_refused, StringComparison.Ordinal))
            .Select(l => $"{_file}:{l.i + 1}: error: unknown keyword '{_refused}'")
            .ToList();
        if (errors.Count > 0)
        {
            return new ConfigVote("?", false, errors);
        }

        lock (_gate)
        {
            _staged = proposal;
        }

        return new ConfigVote("?", true, []);
    }

    public Task CommitAsync(long version, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_staged?.Version != version)
            {
                throw new InvalidOperationException($"nothing staged as version {version}");
            }

            RunningText = _staged.SharedText;
            Running = new RunningConfig(version, _staged.Sha256);
            _staged = null;
            Commits++;
        }

        return Task.CompletedTask;
    }

    public void Abort(long version)
    {
        lock (_gate)
        {
            Aborted.Add(version);
            if (_staged?.Version == version)
            {
                _staged = null;
            }
        }
    }
}
