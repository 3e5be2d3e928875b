namespace Appliance.ProxyCore.Health;

/// <summary>One agent-check exchange: connect, optionally send <c>agent-send</c>, read one line.</summary>
public interface IAgentProbe
{
    /// <summary>
    /// Runs one exchange within its own timeouts; failures are results, not exceptions. Throws
    /// <see cref="OperationCanceledException"/> only when <paramref name="cancellationToken"/> (shutdown) fires.
    /// </summary>
    ValueTask<AgentProbeResult> RunAsync(CancellationToken cancellationToken);
}
