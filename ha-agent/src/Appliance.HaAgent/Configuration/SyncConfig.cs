using System.Net;

namespace Appliance.HaAgent.Configuration;

/// <summary>
/// This node's side of state sync (docs/ha.md "State sync"): where its sync server listens, the name peers know it by,
/// and how peers authenticate each other. Present when the section has <c>sync_peer</c> lines, or <c>discovery mdns</c>
/// with an authentication mode (the peers are then found by discovery).
/// </summary>
/// <param name="Listen"><c>sync_listen</c>: the sync server's address and port. Default 0.0.0.0:7400 (the port of <c>discovery mdns sync_port</c> when given).</param>
/// <param name="NodeName"><c>node_name</c>: this node's name as its peers list it in their <c>sync_peer</c> lines (and its certificate's name); null = the machine's host name.</param>
/// <param name="Security">The <c>sync_ca</c>/<c>sync_cert</c>/<c>sync_key</c> or <c>sync_psk_file</c> keywords.</param>
public sealed record SyncConfig(IPEndPoint Listen, string? NodeName, SyncSecurityConfig Security)
{
    /// <summary>The default sync port: 7400, the port the examples and <c>discovery mdns</c> use.</summary>
    public const int DefaultPort = DiscoveryConfig.DefaultSyncPort;
}
