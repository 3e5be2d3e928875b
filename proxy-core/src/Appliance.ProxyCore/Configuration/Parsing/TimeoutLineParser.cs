namespace Appliance.ProxyCore.Configuration.Parsing;

/// <summary>
/// <c>timeout NAME VALUE</c>. Client-side timeouts belong to frontends, server-side ones to backends (HAProxy's
/// matrix); <c>tarpit</c> is accepted and deferred with the tarpit action.
/// </summary>
internal sealed class TimeoutLineParser(DiagnosticBag bag)
{
    private static readonly (string Name, SectionCapability Allowed, Func<TimeoutsConfig, TimeSpan, TimeoutsConfig>? Set)[] Timeouts =
    [
        ("client", SectionCapability.FrontendSide, (t, v) => t with { Client = v }),
        ("server", SectionCapability.BackendSide, (t, v) => t with { Server = v }),
        ("connect", SectionCapability.BackendSide, (t, v) => t with { Connect = v }),
        ("check", SectionCapability.BackendSide, (t, v) => t with { Check = v }),
        ("queue", SectionCapability.BackendSide, (t, v) => t with { Queue = v }),
        ("http-keep-alive", SectionCapability.All, (t, v) => t with { HttpKeepAlive = v }),
        ("http-request", SectionCapability.All, (t, v) => t with { HttpRequest = v }),
        ("tunnel", SectionCapability.BackendSide, (t, v) => t with { Tunnel = v }),
        ("client-fin", SectionCapability.FrontendSide, (t, v) => t with { ClientFin = v }),
        ("server-fin", SectionCapability.BackendSide, (t, v) => t with { ServerFin = v }),
        ("tarpit", SectionCapability.All, null),
    ];

    private readonly ValueReader _values = new(bag);

    public void Parse(ConfigLine line, ProxyBuilder proxy)
    {
        var names = Timeouts.Select(t => t.Name).ToArray();
        if (line.Arguments.Count == 0)
        {
            bag.Error(line.Location, ConfigMessages.ExpectsOneOf("timeout", proxy.Where, names, null, null));
            return;
        }

        var name = line.Arguments[0];
        var entry = Array.Find(Timeouts, t => t.Name == name);
        if (entry.Name is null)
        {
            bag.Error(line.Location, ConfigMessages.ExpectsOneOf("timeout", proxy.Where, names, name, NearestMatch.Find(name, names)));
            return;
        }

        var keyword = $"timeout {name}";
        if (!entry.Allowed.HasFlag(ProxyKeywordCatalog.CapabilityOf(proxy.Kind)))
        {
            bag.Error(line.Location, ConfigMessages.NotAllowedHere(keyword, proxy.Where, ProxyKeywordCatalog.DescribeSections(entry.Allowed)));
            return;
        }

        if (line.Arguments.Count != 2)
        {
            bag.Error(line.Location, line.Arguments.Count < 2
                ? ConfigMessages.MissingArgument(keyword, proxy.Where, "a time")
                : ConfigMessages.TooManyArguments(keyword, proxy.Where, "a time", line.Arguments[2]));
            return;
        }

        var value = _values.Time(keyword, proxy.Where, line.Arguments[1], line.Location);
        if (value is null)
        {
            return;
        }

        if (entry.Set is null)
        {
            proxy.DeferredLines.Add(line);
        }
        else
        {
            proxy.Timeouts = entry.Set(proxy.Timeouts, value.Value);
        }
    }
}
