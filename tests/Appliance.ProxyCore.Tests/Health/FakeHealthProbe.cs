using Appliance.ProxyCore.Health;

namespace Appliance.ProxyCore.Tests.Health;

/// <summary>
/// A scripted regular check: answers from a queue (then repeats <see cref="Default"/>), or stays pending while
/// <see cref="Hold"/> is set, and records when it ran.
/// </summary>
internal sealed class FakeHealthProbe(TimeProvider time) : IHealthProbe
{
    private readonly Queue<Func<ProbeResult>> _script = new();

    public ProbeResult Default { get; set; } = ProbeResult.Layer4Passed();

    public List<DateTimeOffset> RunTimes { get; } = [];

    /// <summary>When set, the next run waits for this source instead of answering at once.</summary>
    public TaskCompletionSource<ProbeResult>? Hold { get; set; }

    public FakeHealthProbe Then(params ProbeResult[] results)
    {
        foreach (var result in results)
        {
            _script.Enqueue(() => result);
        }

        return this;
    }

    public FakeHealthProbe ThenThrow(Exception exception)
    {
        _script.Enqueue(() => throw exception);
        return this;
    }

    public ValueTask<ProbeResult> RunAsync(CancellationToken cancellationToken)
    {
        RunTimes.Add(time.GetUtcNow());
        if (Hold is { } hold)
        {
            return new ValueTask<ProbeResult>(hold.Task.WaitAsync(cancellationToken));
        }

        return ValueTask.FromResult(_script.TryDequeue(out var next) ? next() : Default);
    }
}
