namespace Appliance.ProxyCore.Health;

/// <summary>The outcome of one agent exchange.</summary>
/// <param name="Outcome">How the exchange ended.</param>
/// <param name="Reply">The parsed line when <paramref name="Outcome"/> is <see cref="AgentProbeOutcome.Replied"/>.</param>
/// <param name="Info">Why there is no reply, in HAProxy's wording where it has one.</param>
public readonly record struct AgentProbeResult(AgentProbeOutcome Outcome, AgentReply? Reply, string? Info)
{
    public static AgentProbeResult Replied(AgentReply reply) => new(AgentProbeOutcome.Replied, reply, null);

    public static AgentProbeResult Unreachable(string info) => new(AgentProbeOutcome.Unreachable, null, info);

    public static AgentProbeResult NoUsableReply(string info) => new(AgentProbeOutcome.NoUsableReply, null, info);
}
