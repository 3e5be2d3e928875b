using System.Globalization;
using System.Net;
using Appliance.HaAgent.Configuration;

namespace Appliance.HaAgent.Discovery;

/// <summary>What one node announces and looks for (docs/ha.md "Peer discovery"). Immutable.</summary>
/// <param name="Interface">Where to announce and browse: the <c>ha</c> section's <c>interface</c>.</param>
/// <param name="ClusterId">TXT <c>cluster</c>; only peers with the same id are reported.</param>
/// <param name="NodeName">The instance label and the host label (<c>NODE._appliance._tcp.local</c> on <c>NODE.local</c>).</param>
/// <param name="SyncPort">The SRV port and TXT <c>sync</c>.</param>
public sealed record DiscoveryOptions(string Interface, string ClusterId, string NodeName, ushort SyncPort)
{
    /// <summary>The DNS-SD service type (RFC 6763 §7): <c>_appliance._tcp</c>.</summary>
    public const string ServiceType = "_appliance._tcp";

    /// <summary>TXT keys (RFC 6763 §6.4: short, ASCII, case-insensitive).</summary>
    public const string TxtVersionKey = "txtvers";
    public const string ClusterKey = "cluster";
    public const string NodeKey = "node";
    public const string SyncKey = "sync";

    /// <summary>Unsolicited announcements after probing, 2..8 (RFC 6762 §8.3). Default 2.</summary>
    public int Announcements { get; init; } = 2;

    /// <summary>The cap on the browser's query interval. Default 60 min (RFC 6762 §5.2).</summary>
    public TimeSpan MaxQueryInterval { get; init; } = MdnsConstants.QueryMaxInterval;

    /// <summary>The options for a parsed <c>ha</c> section with <c>discovery mdns</c>; the node name defaults to <paramref name="machineName"/>.</summary>
    public static DiscoveryOptions FromConfig(HaConfig config, string machineName)
    {
        ArgumentNullException.ThrowIfNull(config);
        var discovery = config.Discovery ?? throw new ArgumentException("the 'ha' section has no 'discovery mdns'", nameof(config));
        return new DiscoveryOptions(config.Interface, discovery.ClusterId, discovery.NodeName ?? HostLabel(machineName), checked((ushort)discovery.SyncPort));
    }

    /// <summary>
    /// A host label from a machine name: its first label, characters other than letters, digits and '-' replaced by '-',
    /// hyphens trimmed from the ends, at most 63 characters; "appliance" when nothing is left.
    /// </summary>
    public static string HostLabel(string machineName)
    {
        ArgumentNullException.ThrowIfNull(machineName);
        var first = machineName.Split('.')[0];
        var label = new string([.. first.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]).Trim('-');
        label = label.Length > 63 ? label[..63].TrimEnd('-') : label;
        return label.Length == 0 ? "appliance" : label;
    }

    /// <summary>The registration the responder announces, with the interface's addresses.</summary>
    public ServiceRegistration ToRegistration(IReadOnlyList<IPAddress> addresses) => new(
        NodeName,
        ServiceType,
        NodeName,
        SyncPort,
        [
            new(TxtVersionKey, "1"),
            new(ClusterKey, ClusterId),
            new(NodeKey, NodeName),
            new(SyncKey, SyncPort.ToString(CultureInfo.InvariantCulture)),
        ],
        addresses);
}
