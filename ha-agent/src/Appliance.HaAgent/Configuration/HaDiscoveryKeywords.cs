namespace Appliance.HaAgent.Configuration;

/// <summary><c>discovery</c>, <c>cluster_id</c> and <c>node_name</c>: optional peer discovery over mDNS / DNS-SD.</summary>
internal static class HaDiscoveryKeywords
{
    public const string Discovery = "discovery";
    public const string ClusterId = "cluster_id";
    public const string NodeName = "node_name";

    private const string DiscoveryExpectation = "'mdns' [sync_port N] with a port from 1 to 65535";
    private const string PortExpectation = "an integer from 1 to 65535";

    // A TXT string holds 255 bytes (RFC 6763 §6.1); 63 keeps "cluster=" plus the id well inside and reads as a label.
    private const string ClusterIdExpectation = "a name of 1 to 63 letters, digits, '-', '_' or '.'";

    // The node name is also the host label the SRV record points at: RFC 1123 §2.1 host label rules.
    private const string NodeNameExpectation = "a host label of 1 to 63 letters, digits or '-', not starting or ending with '-'";

    public static void ReadDiscovery(HaConfigLine line, HaConfigBuilder b, List<HaDiagnostic> d)
    {
        var args = line.Arguments;
        if (args.Count == 0 || args[0] != "mdns")
        {
            d.Add(HaDiagnostic.Error(line, HaConfigMessages.Expects(line.Keyword, DiscoveryExpectation, args)));
            return;
        }

        var port = DiscoveryConfig.DefaultSyncPort;
        for (var i = 1; i < args.Count; i += 2)
        {
            if (args[i] != "sync_port")
            {
                d.Add(HaDiagnostic.Error(line, HaConfigMessages.UnknownOption($"{line.Keyword} mdns", args[i], ["sync_port"])));
                return;
            }

            if (i > 1)
            {
                d.Add(HaDiagnostic.Error(line, HaConfigMessages.OptionTwice($"{line.Keyword} mdns", args[i])));
                return;
            }

            if (i + 1 >= args.Count)
            {
                d.Add(HaDiagnostic.Error(line, HaConfigMessages.OptionMissingValue($"{line.Keyword} mdns", args[i], PortExpectation)));
                return;
            }

            if (!HaArguments.TryInteger(args[i + 1], 1, 65535, out port))
            {
                d.Add(HaDiagnostic.Error(line, HaConfigMessages.OptionExpects($"{line.Keyword} mdns", args[i], PortExpectation, args[i + 1])));
                return;
            }
        }

        b.DiscoveryEnabled = true;
        b.DiscoverySyncPort = port;
    }

    public static void ReadClusterId(HaConfigLine line, HaConfigBuilder b, List<HaDiagnostic> d)
    {
        if (!HaArguments.TrySingle(line, ClusterIdExpectation, d, out var id))
        {
            return;
        }

        if (id.Length is 0 or > 63 || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            d.Add(HaDiagnostic.Error(line, HaConfigMessages.Expects(line.Keyword, ClusterIdExpectation, id)));
            return;
        }

        b.ClusterId = id;
    }

    public static void ReadNodeName(HaConfigLine line, HaConfigBuilder b, List<HaDiagnostic> d)
    {
        if (!HaArguments.TrySingle(line, NodeNameExpectation, d, out var name))
        {
            return;
        }

        if (!IsHostLabel(name))
        {
            d.Add(HaDiagnostic.Error(line, HaConfigMessages.Expects(line.Keyword, NodeNameExpectation, name)));
            return;
        }

        b.NodeName = name;
    }

    /// <summary>Checks that need the whole section: discovery needs a cluster id; <c>cluster_id</c> needs discovery, <c>node_name</c> discovery or sync.</summary>
    public static void Validate(HaConfigLine section, HaConfigBuilder b, List<HaDiagnostic> d)
    {
        if (b.DiscoveryEnabled && b.ClusterId is null && b.SeenAt(ClusterId) is null)
        {
            d.Add(HaDiagnostic.Error(b.SeenAt(Discovery) ?? section, HaConfigMessages.DiscoveryNeedsClusterId()));
        }

        if (b.SeenAt(Discovery) is null)
        {
            if (b.SeenAt(ClusterId) is { } cluster)
            {
                d.Add(HaDiagnostic.Warning(cluster, HaConfigMessages.NeedsDiscovery(ClusterId)));
            }

            // node_name also names the node to its sync peers.
            if (b.SeenAt(NodeName) is { } node && b.SyncPeers.Count == 0)
            {
                d.Add(HaDiagnostic.Warning(node, HaConfigMessages.NodeNameUnused()));
            }
        }
    }

    /// <summary>RFC 1123 §2.1: letters, digits and hyphens, 1..63 characters, no hyphen at either end.</summary>
    public static bool IsHostLabel(string text) =>
        text.Length is > 0 and <= 63
        && text[0] != '-' && text[^1] != '-'
        && text.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');
}
