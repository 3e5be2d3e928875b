using Appliance.HaAgent.Configuration;

namespace Appliance.HaAgent.Agent;

/// <summary>
/// A prepared reload of the <c>ha</c> section (<see cref="HaAgentService.PrepareReloadAsync"/>): <see cref="CommitAsync"/>
/// applies it to the running agent; disposing it without a commit discards what was prepared (the trackers it started)
/// and leaves the agent as it was.
/// </summary>
public sealed class HaAgentReload : IAsyncDisposable
{
    private readonly Func<Task> _commit;
    private readonly Func<Task> _discard;
    private int _done;

    internal HaAgentReload(HaReloadPlan plan, Func<Task> commit, Func<Task> discard)
    {
        Plan = plan;
        _commit = commit;
        _discard = discard;
    }

    /// <summary>Which keywords changed: applied live, or needing a restart.</summary>
    public HaReloadPlan Plan { get; }

    /// <summary>Applies the live part on the driver thread; completes once the driver has taken it. Once only.</summary>
    public Task CommitAsync() =>
        Interlocked.Exchange(ref _done, 1) == 0 ? _commit() : throw new InvalidOperationException("the reload was already committed or discarded");

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _done, 1) == 0)
        {
            await _discard().ConfigureAwait(false);
        }
    }
}
