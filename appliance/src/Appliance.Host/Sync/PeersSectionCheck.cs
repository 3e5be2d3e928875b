using Appliance.HaAgent.Configuration;
using Appliance.ProxyCore.Configuration;

namespace Appliance.Host.Sync;

/// <summary>
/// Warns where HAProxy's <c>peers</c> sections and the <c>ha</c> section's <c>sync_peer</c> lines disagree. The host
/// replicates tables to its sync peers (the appliance's own transport): the <c>sync_peer</c> lines, plus the nodes
/// discovery finds at run time when <c>discovery mdns</c> is on (then the per-peer check is skipped: only the live set,
/// <c>appliance sync status</c>, can tell); a carried-over <c>peers</c> section
/// naming other nodes, or replicated tables on a node without sync, would silently replicate less than it says.
/// Warnings only: such a file still loads, as HAProxy's own would.
/// </summary>
internal static class PeersSectionCheck
{
    public static IEnumerable<HaDiagnostic> Check(ApplianceConfig config, HaConfig? ha)
    {
        var used = config.Proxies
            .Where(p => p.StickTable?.Peers is not null)
            .GroupBy(p => p.StickTable!.Peers!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().StickTable!.Location, StringComparer.Ordinal);
        foreach (var section in config.Peers.Where(s => !s.Disabled && used.ContainsKey(s.Name)))
        {
            if (ha?.Sync is null)
            {
                var table = used[section.Name];
                yield return new HaDiagnostic(table.File, table.Line, false,
                    $"stick-table replicates through 'peers {section.Name}' but the 'ha' section has no 'sync_peer': nothing is replicated");
                continue;
            }

            if (ha.Discovery is not null)
            {
                // The sync peers are the sync_peer lines plus whatever discovery finds at run time: no static answer.
                continue;
            }

            var self = ha.Sync.NodeName ?? Appliance.HaAgent.Discovery.DiscoveryOptions.HostLabel(Environment.MachineName);
            foreach (var peer in section.Peers.Where(p => p.Host is not null && p.Name != self && ha.SyncPeers.All(s => s.Name != p.Name)))
            {
                yield return new HaDiagnostic(peer.Location.File, peer.Location.Line, false,
                    $"peer '{peer.Name}' of 'peers {section.Name}' is not a 'sync_peer' of the 'ha' section: tables are replicated to the 'sync_peer' nodes only");
            }
        }
    }
}
