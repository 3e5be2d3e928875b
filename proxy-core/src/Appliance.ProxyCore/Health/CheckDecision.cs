using Appliance.ProxyCore.Model;

namespace Appliance.ProxyCore.Health;

/// <summary>What <see cref="CheckStateMachine.Record"/> concluded from one result.</summary>
/// <param name="From">The state before the result.</param>
/// <param name="To">The state after it.</param>
/// <param name="Phase">The phase after it.</param>
/// <param name="NextInterval">When to run the next check.</param>
/// <param name="Reason">The result in HAProxy's wording (<see cref="ProbeResult.Describe"/>).</param>
public readonly record struct CheckDecision(ServerHealth From, ServerHealth To, CheckPhase Phase, TimeSpan NextInterval, string Reason)
{
    public bool IsTransition => From != To;
}
