using Appliance.ProxyCore.Health;

namespace Appliance.ProxyCore.Tests.Health;

/// <summary>A scripted agent: replies from a queue, then repeats <see cref="Default"/>; records when it ran.</summary>
internal sealed class FakeAgentProbe(TimeProvider time) : IAgentProbe
{
    private readonly Queue<AgentProbeResult> _script = new();

    /// <summary>What the agent answers once the script is used up; by default it is unreachable (changes nothing).</summary>
    public AgentProbeResult Default { get; set; } = AgentProbeResult.Unreachable("Layer4 connection problem, info: \"Connection refused\"");

    public List<DateTimeOffset> RunTimes { get; } = [];

    /// <summary>Queues replies given as agent lines, e.g. <c>"drain"</c>.</summary>
    public FakeAgentProbe Says(params string[] lines)
    {
        foreach (var line in lines)
        {
            _script.Enqueue(AgentProbeResult.Replied(AgentReplyParser.Parse(line)));
        }

        return this;
    }

    public FakeAgentProbe Then(AgentProbeResult result)
    {
        _script.Enqueue(result);
        return this;
    }

    public ValueTask<AgentProbeResult> RunAsync(CancellationToken cancellationToken)
    {
        RunTimes.Add(time.GetUtcNow());
        return ValueTask.FromResult(_script.TryDequeue(out var next) ? next : Default);
    }
}
