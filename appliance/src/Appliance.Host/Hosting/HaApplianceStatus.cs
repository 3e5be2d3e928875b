using Appliance.ProxyCore.Stats;

namespace Appliance.Host.Hosting;

/// <summary>The running ha-agent as the stats page sees it: node name, role and floating addresses, read live.</summary>
internal sealed class HaApplianceStatus(HaAgentHost host) : IApplianceStatus
{
    public string NodeName => Environment.MachineName;

    public string? Role => host.Role.ToString().ToUpperInvariant();

    public IReadOnlyList<string> Vips => [.. host.Config.VirtualAddresses.Select(v => v.ToString())];
}
