using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Appliance.ProxyCore.Configuration.Parsing;

/// <summary>
/// <c>bind ADDR[,ADDR...] [OPTIONS]</c>. Each address is <c>[HOST]:PORT</c> or <c>[HOST]:P1-P2</c>; an empty host or
/// <c>*</c> means every IPv4 address, <c>::</c> or <c>[::]</c> every IPv6 address. The options (<c>ssl crt FILE</c>,
/// <c>alpn h2,http/1.1</c>, ...) are kept verbatim on every resulting <see cref="BindConfig"/> for later stages.
/// </summary>
internal sealed class BindParser(DiagnosticBag bag)
{
    public List<BindConfig> Parse(string addressList, IReadOnlyList<string> options, string where, SourceLocation location)
    {
        var binds = new List<BindConfig>();
        foreach (var text in addressList.Split(','))
        {
            ParseOne(text, options, where, location, binds);
        }

        return binds;
    }

    private void ParseOne(string text, IReadOnlyList<string> options, string where, SourceLocation location, List<BindConfig> binds)
    {
        var parts = AddressParser.Split(text, out var error);
        if (parts is null)
        {
            bag.Error(location, ConfigMessages.BadBindAddress(where, text, error!));
            return;
        }

        if (parts.Port is null || parts.Port.Length == 0)
        {
            bag.Error(location, ConfigMessages.BindWithoutPort(where, text));
            return;
        }

        IPAddress? address = parts.Host is "" or "*"
            ? parts.Family == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any
            : AddressParser.ParseIp(parts.Host, parts.Family);
        if (address is null)
        {
            bag.Error(location, ConfigMessages.BadBindAddress(where, text, ConfigMessages.BindNeedsIp(parts.Host)));
            return;
        }

        var dash = parts.Port.IndexOf('-');
        var first = ParsePort(dash < 0 ? parts.Port : parts.Port[..dash]);
        var last = dash < 0 ? first : ParsePort(parts.Port[(dash + 1)..]);
        if (first is null || last is null || last < first)
        {
            bag.Error(location, ConfigMessages.InvalidPort("bind", where, parts.Port));
            return;
        }

        for (var port = first.Value; port <= last.Value; port++)
        {
            binds.Add(new BindConfig(address, port, options, location));
        }
    }

    private static int? ParsePort(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535 ? port : null;
}
