using Appliance.ProxyCore.Configuration;
using Appliance.ProxyCore.Health;
using Appliance.ProxyCore.Model;

namespace Appliance.ProxyCore.Tests.Health;

/// <summary>Hands out one <see cref="FakeHealthProbe"/> and one <see cref="FakeAgentProbe"/> per server name and records the targets asked for.</summary>
internal sealed class FakeProbeFactory(TimeProvider time) : IHealthProbeFactory
{
    public Dictionary<string, FakeHealthProbe> Checks { get; } = [];

    public Dictionary<string, FakeAgentProbe> Agents { get; } = [];

    public List<(string Server, string Kind, CheckTarget Target)> Created { get; } = [];

    public IHealthProbe CreateCheckProbe(ProxyConfig backend, ServerModel server, CheckTarget target)
    {
        Created.Add((server.Name, "check", target));
        return Checks.TryGetValue(server.Name, out var probe) ? probe : Checks[server.Name] = new FakeHealthProbe(time);
    }

    public IAgentProbe CreateAgentProbe(ProxyConfig backend, ServerModel server, CheckTarget target)
    {
        Created.Add((server.Name, "agent", target));
        return Agents.TryGetValue(server.Name, out var probe) ? probe : Agents[server.Name] = new FakeAgentProbe(time);
    }
}
