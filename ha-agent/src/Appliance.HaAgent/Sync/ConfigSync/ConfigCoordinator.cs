using System.Text;
using Appliance.Contracts.Replication;
using Appliance.HaAgent.Sync.Grpc;

namespace Appliance.HaAgent.Sync.ConfigSync;

/// <summary>
/// The two-phase commit of a configuration change over a set of nodes (this node first): learn every node's running
/// version, Prepare everywhere in parallel (each within the phase timeout), Commit everywhere when all accepted,
/// otherwise Abort everywhere and report each node that refused (with its diagnostics) or failed (with why).
/// </summary>
public sealed class ConfigCoordinator
{
    private readonly string _origin;
    private readonly TimeSpan _phaseTimeout;
    private readonly TimeProvider _time;

    /// <summary>A coordinator on node <paramref name="origin"/>.</summary>
    public ConfigCoordinator(string origin, TimeSpan phaseTimeout, TimeProvider time)
    {
        _origin = origin;
        _phaseTimeout = phaseTimeout;
        _time = time;
    }

    /// <summary>Proposes <paramref name="sharedText"/> as one more than the highest version any of <paramref name="nodes"/> runs.</summary>
    public async Task<ConfigSyncResult> ProposeAsync(string sharedText, IReadOnlyList<IConfigNode> nodes, CancellationToken cancellationToken)
    {
        var running = await Task.WhenAll(nodes.Select(n => Attempt(n.GetRunningAsync, cancellationToken))).ConfigureAwait(false);
        var unreachable = new List<ConfigNodeOutcome>();
        for (var i = 0; i < nodes.Count; i++)
        {
            if (running[i].Failure is { } failure)
            {
                unreachable.Add(new ConfigNodeOutcome(nodes[i].Name, false, false, [], failure));
            }
        }

        if (unreachable.Count > 0)
        {
            var outcomes = nodes.Select((n, i) => unreachable.FirstOrDefault(u => u.Node == n.Name) ?? new ConfigNodeOutcome(n.Name, false, false, [], null)).ToList();
            return new ConfigSyncResult(false, 0, outcomes, Describe("the configuration was not proposed: the version could not be chosen", outcomes));
        }

        var version = running.Max(r => r.Value!.Version) + 1;
        var proposal = new ConfigProposal(version, sharedText, ConfigHash.Compute(sharedText), _origin);
        return await CommitAsync(proposal, nodes, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs both phases for a proposal whose version is already chosen (also how a lagging node is brought up to date).</summary>
    public async Task<ConfigSyncResult> CommitAsync(ConfigProposal proposal, IReadOnlyList<IConfigNode> nodes, CancellationToken cancellationToken)
    {
        var votes = await Task.WhenAll(nodes.Select(n => Attempt(ct => n.PrepareAsync(proposal, ct), cancellationToken))).ConfigureAwait(false);
        var allAccepted = votes.All(v => v.Value is { Accepted: true });
        if (!allAccepted)
        {
            await Task.WhenAll(nodes.Select(n => Attempt(async ct =>
            {
                await n.AbortAsync(proposal.Version, proposal.Origin, ct).ConfigureAwait(false);
                return true;
            }, cancellationToken))).ConfigureAwait(false);
            var refused = nodes.Select((n, i) => new ConfigNodeOutcome(
                n.Name, votes[i].Value?.Accepted ?? false, false, votes[i].Value?.Errors ?? [], votes[i].Failure)).ToList();
            return new ConfigSyncResult(
                false, proposal.Version, refused, Describe($"configuration version {proposal.Version} was applied on no node", refused));
        }

        var commits = await Task.WhenAll(nodes.Select(n => Attempt(ct => n.CommitAsync(proposal.Version, proposal.Origin, ct), cancellationToken))).ConfigureAwait(false);
        var outcomes2 = nodes.Select((n, i) => new ConfigNodeOutcome(n.Name, true, commits[i].Failure is null, [], commits[i].Failure)).ToList();
        var committed = outcomes2.All(o => o.Committed);
        return new ConfigSyncResult(
            committed,
            proposal.Version,
            outcomes2,
            committed ? null : Describe($"configuration version {proposal.Version} was accepted everywhere but the commit failed (those nodes now drift)", outcomes2));
    }

    private async Task<Attempted<T>> Attempt<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_phaseTimeout, _time);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            return new Attempted<T>(await call(deadline.Token).WaitAsync(_phaseTimeout, _time, cancellationToken).ConfigureAwait(false), null);
        }
        catch (TimeoutException)
        {
            return new Attempted<T>(default, $"no answer within {_phaseTimeout.TotalSeconds:0.###} s");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new Attempted<T>(default, $"no answer within {_phaseTimeout.TotalSeconds:0.###} s");
        }
        catch (RpcException e)
        {
            return new Attempted<T>(default, $"{e.StatusCode}: {e.Detail}");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The host's participant failed (a file it could not write, a reload that threw): that node's answer.
            return new Attempted<T>(default, e is InvalidOperationException ? e.Message : $"{e.GetType().Name}: {e.Message}");
        }
    }

    private static string Describe(string headline, IReadOnlyList<ConfigNodeOutcome> outcomes)
    {
        var text = new StringBuilder(headline).Append(':');
        foreach (var outcome in outcomes)
        {
            if (outcome.Failure is { } failure)
            {
                text.Append('\n').Append("  ").Append(outcome.Node).Append(": ").Append(failure);
            }
            else if (!outcome.Accepted && outcome.Errors.Count > 0)
            {
                text.Append('\n').Append("  ").Append(outcome.Node).Append(" refused it:");
                foreach (var error in outcome.Errors)
                {
                    text.Append('\n').Append("    ").Append(error);
                }
            }
        }

        return text.ToString();
    }

    private readonly record struct Attempted<T>(T? Value, string? Failure);
}
