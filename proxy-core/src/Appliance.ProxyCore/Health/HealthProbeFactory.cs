using Appliance.ProxyCore.Configuration;
using Appliance.ProxyCore.Model;

namespace Appliance.ProxyCore.Health;

/// <summary>
/// The real probes: <see cref="HttpCheckProbe"/> when the backend has <c>option httpchk</c>, else
/// <see cref="TcpConnectProbe"/>; <see cref="AgentProbe"/> for <c>agent-check</c>. Timeouts follow
/// <see cref="CheckTimeouts.For"/> with the server's <c>inter</c> (or <c>agent-inter</c>).
/// </summary>
public sealed class HealthProbeFactory : IHealthProbeFactory
{
    private readonly TimeProvider _time;
    private readonly IHostResolver _resolver;

    /// <param name="timeProvider">The clock for check timeouts.</param>
    /// <param name="resolver">Resolves host names at check time; default <see cref="DnsHostResolver"/>.</param>
    public HealthProbeFactory(TimeProvider timeProvider, IHostResolver? resolver = null)
    {
        _time = timeProvider;
        _resolver = resolver ?? DnsHostResolver.Instance;
    }

    public IHealthProbe CreateCheckProbe(ProxyConfig backend, ServerModel server, CheckTarget target)
    {
        var timeouts = CheckTimeouts.For(server.Config.Inter, backend.Timeouts);
        return backend.HttpCheck is { } http
            ? new HttpCheckProbe(target, http, server.Config.Host, timeouts, _time, _resolver)
            : new TcpConnectProbe(target, timeouts, _time, _resolver);
    }

    public IAgentProbe CreateAgentProbe(ProxyConfig backend, ServerModel server, CheckTarget target)
    {
        var agent = server.Config.Agent ?? throw new ArgumentException($"server '{server.Name}' has no agent-check", nameof(server));
        return new AgentProbe(target, agent.Send, CheckTimeouts.For(agent.Interval, backend.Timeouts), _time, _resolver);
    }
}
