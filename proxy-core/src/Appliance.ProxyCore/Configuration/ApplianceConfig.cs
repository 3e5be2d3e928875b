namespace Appliance.ProxyCore.Configuration;

/// <summary>A whole configuration file after parsing: the global section and every proxy in file order.</summary>
public sealed record ApplianceConfig(GlobalConfig Global, IReadOnlyList<ProxyConfig> Proxies)
{
    /// <summary>Sections this stage does not interpret (e.g. <c>ha</c>, <c>peers</c>, <c>userlist</c>), kept for the host.</summary>
    public IReadOnlyList<ConfigSection> OtherSections { get; init; } = [];

    /// <summary>The <c>peers</c> sections, parsed (they also stay in <see cref="OtherSections"/> as written).</summary>
    public IReadOnlyList<PeersConfig> Peers { get; init; } = [];

    public IEnumerable<ProxyConfig> Frontends => Proxies.Where(p => p.IsFrontend);

    public IEnumerable<ProxyConfig> Backends => Proxies.Where(p => p.IsBackend);

    public ProxyConfig? FindBackend(string name) => Proxies.FirstOrDefault(p => p.IsBackend && p.Name == name);
}
