namespace Appliance.ProxyCore.Configuration;

/// <summary>
/// A HAProxy <c>peers NAME</c> section: the nodes that replicate the stick tables declared with <c>peers NAME</c>.
/// The transport is the appliance's own acknowledged gRPC sync, not HAProxy's peers protocol: the host reads this list.
/// </summary>
public sealed record PeersConfig(string Name, IReadOnlyList<PeerConfig> Peers, SourceLocation Location)
{
    /// <summary><c>disabled</c>: the section's tables are not replicated. Default false.</summary>
    public bool Disabled { get; init; }
}
