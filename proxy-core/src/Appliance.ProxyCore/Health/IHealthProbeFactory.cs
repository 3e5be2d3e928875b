using Appliance.ProxyCore.Configuration;
using Appliance.ProxyCore.Model;

namespace Appliance.ProxyCore.Health;

/// <summary>Creates the probes of one server; tests replace it with fakes.</summary>
public interface IHealthProbeFactory
{
    /// <summary>The regular check of a server with <c>check</c>, against an already validated <paramref name="target"/>.</summary>
    IHealthProbe CreateCheckProbe(ProxyConfig backend, ServerModel server, CheckTarget target);

    /// <summary>The agent of a server with <c>agent-check</c>, against an already validated <paramref name="target"/>.</summary>
    IAgentProbe CreateAgentProbe(ProxyConfig backend, ServerModel server, CheckTarget target);
}
