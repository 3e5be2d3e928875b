using System.Globalization;

namespace Appliance.ProxyCore.Configuration.Parsing;

/// <summary>
/// Parses HAProxy <c>peers NAME</c> sections: <c>peer NODE ADDR:PORT</c>, <c>server NODE [ADDR:PORT]</c> (2.0+ form;
/// without an address it is the local node), <c>disabled</c>/<c>enabled</c>. The lines that tune HAProxy's own peers
/// transport (<c>bind</c>, <c>default-bind</c>, <c>default-server</c>, <c>log</c>) draw a warning, since replication
/// runs over the appliance's gRPC sync; <c>table</c> is refused.
/// </summary>
internal sealed class PeersSectionParser(DiagnosticBag bag)
{
    private static readonly string[] Keywords = ["peer", "server", "disabled", "enabled", "bind", "default-bind", "default-server", "log", "table"];
    private readonly Dictionary<string, SourceLocation> _names = new(StringComparer.Ordinal);

    public PeersConfig? Parse(ConfigSection section)
    {
        if (section.Arguments.Count == 0)
        {
            bag.Error(section.Location, ConfigMessages.PeersMissingName());
            return null;
        }

        var name = section.Arguments[0];
        if (section.Arguments.Count > 1)
        {
            bag.Error(section.Location, ConfigMessages.TooManyArguments("peers", "section", "a section name", section.Arguments[1]));
        }

        if (!_names.TryAdd(name, section.Location))
        {
            bag.Error(section.Location, ConfigMessages.PeersDuplicate(name, _names[name]));
            return null;
        }

        var peers = new List<PeerConfig>();
        var disabled = false;
        foreach (var line in section.Lines)
        {
            switch (line.Keyword)
            {
                case "peer" or "server":
                    if (ParsePeer(line, name) is { } peer)
                    {
                        if (peers.Find(p => p.Name == peer.Name) is { } first)
                        {
                            bag.Error(line.Location, ConfigMessages.PeerDuplicate(peer.Name, name, first.Location));
                        }
                        else
                        {
                            peers.Add(peer);
                        }
                    }

                    break;
                case "disabled":
                    disabled = true;
                    break;
                case "enabled":
                    disabled = false;
                    break;
                case "bind" or "default-bind" or "default-server" or "log":
                    bag.Warning(line.Location, ConfigMessages.PeersIgnored(line.Keyword, name));
                    break;
                case "table":
                    bag.Error(line.Location, ConfigMessages.PeersTableUnsupported(name));
                    break;
                default:
                    bag.Error(line.Location, ConfigMessages.PeersUnknownKeyword(name, line.Keyword, NearestMatch.Find(line.Keyword, Keywords)));
                    break;
            }
        }

        return new PeersConfig(name, peers, section.Location) { Disabled = disabled };
    }

    private PeerConfig? ParsePeer(ConfigLine line, string section)
    {
        var args = line.Arguments;
        var needsAddress = line.Keyword == "peer";
        if (args.Count == 0 || (needsAddress && args.Count < 2) || args.Count > 2)
        {
            bag.Error(line.Location, ConfigMessages.PeerExpects(line.Keyword, section, string.Join(' ', args)));
            return null;
        }

        if (args.Count == 1)
        {
            return new PeerConfig(args[0], null, 0, line.Location);
        }

        var parts = AddressParser.Split(args[1], out var error);
        if (parts is null || parts.Port is null || AddressParser.ParseIp(parts.Host, parts.Family) is null
            || !int.TryParse(parts.Port, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            bag.Error(line.Location, ConfigMessages.PeerBadAddress(line.Keyword, section, args[1],
                error ?? (parts?.Port is null ? "no port" : AddressParser.ParseIp(parts.Host, parts.Family) is null ? "not an IP address" : "bad port")));
            return null;
        }

        return new PeerConfig(args[0], parts.Host, port, line.Location);
    }
}
