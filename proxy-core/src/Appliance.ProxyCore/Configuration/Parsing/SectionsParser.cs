namespace Appliance.ProxyCore.Configuration.Parsing;

/// <summary>
/// Turns the raw sections into an <see cref="ApplianceConfig"/>: global sections, then defaults and proxies in file
/// order. Each <c>defaults</c> section replaces the previous one for the proxies that follow; a named one can also be
/// chosen with <c>from NAME</c>. Sections this stage does not interpret are kept raw.
/// </summary>
internal sealed class SectionsParser(DiagnosticBag bag)
{
    private readonly ProxySectionParser _proxyParser = new(bag);
    private readonly Dictionary<string, ProxyBuilder> _namedDefaults = new(StringComparer.Ordinal);
    private ProxyBuilder? _currentDefaults;

    public ApplianceConfig Parse(IReadOnlyList<ConfigSection> sections)
    {
        var global = new GlobalSectionParser(bag).Parse(sections.Where(s => s.Keyword == SectionKeywords.Global));
        var proxies = new List<ProxyConfig>();
        var others = new List<ConfigSection>();
        var peers = new List<PeersConfig>();
        var peersParser = new PeersSectionParser(bag);
        foreach (var section in sections)
        {
            switch (section.Keyword)
            {
                case SectionKeywords.Global:
                    if (section.Arguments.Count > 0)
                    {
                        bag.Error(section.Location, ConfigMessages.TooManyArguments("global", ConfigMessages.InGlobal, "no argument", section.Arguments[0]));
                    }

                    break;
                case SectionKeywords.Defaults:
                    ParseDefaults(section);
                    break;
                case SectionKeywords.Frontend or SectionKeywords.Backend or SectionKeywords.Listen:
                    if (ParseProxy(section) is { } proxy)
                    {
                        proxies.Add(proxy);
                    }

                    break;
                default:
                    if (section.Keyword == SectionKeywords.Peers && peersParser.Parse(section) is { } parsed)
                    {
                        peers.Add(parsed);
                    }

                    others.Add(section);
                    break;
            }
        }

        return new BindTlsResolver(bag).Apply(new ApplianceConfig(global, proxies) { OtherSections = others, Peers = peers });
    }

    private void ParseDefaults(ConfigSection section)
    {
        var args = section.Arguments;
        var name = args.Count > 0 && args[0] != "from" ? args[0] : null;
        var rest = args.Skip(name is null ? 0 : 1).ToList();
        var parent = ResolveFrom(section, rest, allowAddress: false, out _);
        var defaults = ProxyBuilder.ForDefaults(name, section.Location);
        if (parent is not null)
        {
            // A defaults section based on another starts from its settings ("defaults B from A", HAProxy 2.4+).
            defaults.InheritFrom(parent);
        }

        _proxyParser.ParseLines(section.Lines, defaults);
        _currentDefaults = defaults;
        if (name is not null)
        {
            _namedDefaults[name] = defaults;
        }
    }

    private ProxyConfig? ParseProxy(ConfigSection section)
    {
        var kind = section.Keyword switch
        {
            SectionKeywords.Frontend => ProxyKind.Frontend,
            SectionKeywords.Backend => ProxyKind.Backend,
            _ => ProxyKind.Listen,
        };
        var args = section.Arguments;
        if (args.Count == 0 || args[0] == "from")
        {
            bag.Error(section.Location, ConfigMessages.SectionWithoutName(section.Keyword));
            return null;
        }

        var name = args[0];
        if (!IsValidName(name))
        {
            bag.Error(section.Location, ConfigMessages.InvalidProxyName(section.Keyword, name));
        }

        var explicitDefaults = ResolveFrom(section, [.. args.Skip(1)], allowAddress: kind == ProxyKind.Listen, out var address);
        var proxy = ProxyBuilder.ForProxy(name, kind, section.Location, explicitDefaults ?? _currentDefaults);
        if (address is not null)
        {
            _proxyParser.AddHeaderBind(proxy, address, section.Location);
        }

        _proxyParser.ParseLines(section.Lines, proxy);
        return proxy.Build();
    }

    /// <summary>Reads <c>[ADDR] [from NAME]</c> after a section name; returns the named defaults, if any.</summary>
    private ProxyBuilder? ResolveFrom(ConfigSection section, IReadOnlyList<string> rest, bool allowAddress, out string? address)
    {
        address = null;
        var i = 0;
        if (allowAddress && rest.Count > 0 && rest[0] != "from")
        {
            address = rest[0];
            i = 1;
        }

        if (i >= rest.Count)
        {
            return null;
        }

        if (rest[i] != "from" || i + 2 != rest.Count)
        {
            bag.Error(section.Location, ConfigMessages.BadSectionHeader(section.Keyword, allowAddress, rest[i]));
            return null;
        }

        var parentName = rest[i + 1];
        if (_namedDefaults.TryGetValue(parentName, out var parent))
        {
            return parent;
        }

        bag.Error(section.Location, ConfigMessages.UnknownDefaults(section.Keyword, parentName, NearestMatch.Find(parentName, _namedDefaults.Keys)));
        return null;
    }

    /// <summary>HAProxy's rule for proxy names: letters, digits, '-', '_', '.' and ':'.</summary>
    private static bool IsValidName(string name) => name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':');
}
