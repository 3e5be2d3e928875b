using System.Globalization;
using System.Net;

namespace Appliance.HaAgent.Discovery;

/// <summary>Another node of our cluster, as its announcement describes it. Immutable.</summary>
/// <param name="NodeName">TXT <c>node</c>, or the instance label when the TXT has none.</param>
/// <param name="ClusterId">TXT <c>cluster</c> (equal to ours).</param>
/// <param name="Instance">The DNS-SD instance label, such as <c>lb2</c> or <c>lb2 (2)</c> after a rename.</param>
/// <param name="Host">The SRV target, such as <c>lb2.local</c>.</param>
/// <param name="Addresses">The host's addresses, IPv4 first.</param>
/// <param name="SyncPort">TXT <c>sync</c>, or the SRV port when the TXT has none or it is not a port.</param>
public sealed record DiscoveryPeer(string NodeName, string ClusterId, string Instance, string Host, IReadOnlyList<IPAddress> Addresses, int SyncPort)
{
    /// <summary>Where the peer's sync service listens: its first address and <see cref="SyncPort"/>.</summary>
    public IPEndPoint SyncEndPoint => new(Addresses[0], SyncPort);

    /// <summary>The peer a resolved service describes.</summary>
    public static DiscoveryPeer FromService(DiscoveredService service)
    {
        ArgumentNullException.ThrowIfNull(service);
        var txt = service.Txt;
        var port = txt.TryGetValue(DiscoveryOptions.SyncKey, out var sync)
            && int.TryParse(sync, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed is > 0 and <= 65535
            ? parsed
            : service.Port;
        return new DiscoveryPeer(
            txt.TryGetValue(DiscoveryOptions.NodeKey, out var node) && !string.IsNullOrEmpty(node) ? node : service.Instance,
            txt.TryGetValue(DiscoveryOptions.ClusterKey, out var cluster) ? cluster ?? string.Empty : string.Empty,
            service.Instance,
            service.Host.ToString(),
            service.Addresses,
            port);
    }

    public override string ToString() =>
        $"{NodeName} ({Instance} on {Host} {string.Join(',', Addresses)} sync {SyncPort}, cluster {ClusterId})";
}
