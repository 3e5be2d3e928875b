namespace Appliance.HaAgent.Configuration;

/// <summary>
/// Peer discovery over mDNS / DNS-SD (<c>discovery mdns</c>, docs/ha.md "Peer discovery"): the node announces
/// <c>NODE._appliance._tcp.local</c> on the section's <c>interface</c> and browses for the other nodes of its cluster.
/// </summary>
/// <param name="ClusterId"><c>cluster_id</c>: only peers announcing the same id are reported. Required with discovery.</param>
/// <param name="NodeName"><c>node_name</c>: the instance and host label; null = the machine's host name.</param>
/// <param name="SyncPort">The <c>sync_port</c> option of <c>discovery</c>: the port announced in SRV and TXT <c>sync</c>. Default 7400.</param>
public sealed record DiscoveryConfig(string ClusterId, string? NodeName, int SyncPort)
{
    /// <summary>The default <c>sync_port</c>: 7400, the port the sync examples use.</summary>
    public const int DefaultSyncPort = 7400;
}
