namespace Appliance.ProxyCore.Configuration.Parsing;

/// <summary>
/// The keyword parser shared by <c>defaults</c>, <c>frontend</c>, <c>backend</c> and <c>listen</c>. Every line is looked
/// up in <see cref="RemovedDirectives"/> then <see cref="ProxyKeywordCatalog"/>; known keywords allowed in the section
/// are parsed into the <see cref="ProxyBuilder"/> or kept deferred.
/// </summary>
internal sealed class ProxySectionParser
{
    private static readonly string[] HashMethods = ["map-based", "consistent"];

    private readonly DiagnosticBag _bag;
    private readonly ValueReader _values;
    private readonly BindParser _binds;
    private readonly ServerLineParser _servers;
    private readonly LogLineParser _logs;
    private readonly TimeoutLineParser _timeouts;
    private readonly OptionLineParser _options;
    private readonly HttpCheckLineParser _httpChecks;

    public ProxySectionParser(DiagnosticBag bag)
    {
        _bag = bag;
        _values = new ValueReader(bag);
        _binds = new BindParser(bag);
        _servers = new ServerLineParser(bag);
        _logs = new LogLineParser(bag);
        _timeouts = new TimeoutLineParser(bag);
        _options = new OptionLineParser(bag);
        _httpChecks = new HttpCheckLineParser(bag);
    }

    /// <summary>Applies the <c>listen NAME ADDR</c> header address as a bind line.</summary>
    public void AddHeaderBind(ProxyBuilder proxy, string address, SourceLocation location)
    {
        proxy.BindLineCount++;
        proxy.Binds.AddRange(_binds.Parse(address, [], proxy.Where, location));
    }

    public void ParseLines(IEnumerable<ConfigLine> lines, ProxyBuilder proxy)
    {
        foreach (var line in lines)
        {
            ParseLine(line, proxy);
        }
    }

    private void ParseLine(ConfigLine line, ProxyBuilder proxy)
    {
        if (RemovedDirectives.Find(line.Keyword, line.Arguments) is { } removed && line.Keyword != "option")
        {
            _bag.Error(line.Location, ConfigMessages.RemovedDirective(removed));
            return;
        }

        var keyword = ProxyKeywordCatalog.Find(line.Keyword);
        if (keyword is null)
        {
            var hint = NearestMatch.Find(line.Keyword, ProxyKeywordCatalog.Names.Concat(SectionKeywords.All));
            _bag.Error(line.Location, ConfigMessages.UnknownKeyword(line.Keyword, proxy.Where, hint));
            return;
        }

        if (!keyword.Allowed.HasFlag(ProxyKeywordCatalog.CapabilityOf(proxy.Kind)))
        {
            _bag.Error(line.Location, ConfigMessages.NotAllowedHere(line.Keyword, proxy.Where, ProxyKeywordCatalog.DescribeSections(keyword.Allowed)));
            return;
        }

        if (proxy.Kind is null && line.Keyword == "stats" && line.Arguments is ["admin", ..])
        {
            // HAProxy refuses it there too: its condition needs the ACLs of a proxy.
            _bag.Error(line.Location, ConfigMessages.StatsAdminInDefaults(proxy.Where));
            return;
        }

        if (keyword.Handling == KeywordHandling.Deferred)
        {
            proxy.DeferredLines.Add(line);
            return;
        }

        ParseKnown(line, proxy);
    }

    private void ParseKnown(ConfigLine line, ProxyBuilder proxy)
    {
        var args = line.Arguments;
        var where = proxy.Where;
        switch (line.Keyword)
        {
            case "mode":
                if (_values.Arity(line, where, 1, "'tcp' or 'http'"))
                {
                    ParseMode(line, proxy);
                }

                break;
            case "bind":
                if (args.Count == 0)
                {
                    _bag.Error(line.Location, ConfigMessages.MissingArgument("bind", where, "an address such as '*:80'"));
                    break;
                }

                proxy.BindLineCount++;
                proxy.Binds.AddRange(_binds.Parse(args[0], [.. args.Skip(1)], where, line.Location));
                break;
            case "default_backend":
                if (_values.Arity(line, where, 1, "a backend name"))
                {
                    proxy.DefaultBackend = args[0];
                    proxy.DefaultBackendLocation = line.Location;
                }

                break;
            case "balance":
                ParseBalance(line, proxy);
                break;
            case "server":
                if (_servers.ParseServer(line, where, proxy.DefaultServer) is { } server)
                {
                    proxy.Servers.Add(server);
                }

                break;
            case "default-server":
                _servers.ParseDefaultServer(line, where, proxy.DefaultServer);
                break;
            case "timeout":
                _timeouts.Parse(line, proxy);
                break;
            case "option":
                _options.Parse(line, proxy, negated: false);
                break;
            case "no":
                ParseNo(line, proxy);
                break;
            case "http-check":
                _httpChecks.Parse(line, proxy);
                break;
            case "log":
                if (_logs.Parse(line, where) is { } log)
                {
                    proxy.Logs.Add(log);
                }

                break;
            case "retries":
                SetInteger(line, where, 0, v => proxy.Retries = v);
                break;
            case "maxconn":
                SetInteger(line, where, 0, v => proxy.MaxConn = v);
                break;
            case "fullconn":
                SetInteger(line, where, 1, v => proxy.FullConn = v);
                break;
            case "id":
                SetInteger(line, where, 1, v => proxy.Id = v);
                break;
            case "hash-type":
                ParseHashType(line, proxy);
                break;
            case "description":
                proxy.Description = string.Join(' ', args);
                break;
            case "enabled":
                proxy.Disabled = false;
                break;
            default: // "disabled"; the catalog has no other parsed keyword.
                proxy.Disabled = true;
                break;
        }
    }

    private void ParseMode(ConfigLine line, ProxyBuilder proxy)
    {
        switch (line.Arguments[0])
        {
            case "tcp":
                proxy.Mode = ProxyMode.Tcp;
                break;
            case "http":
                proxy.Mode = ProxyMode.Http;
                break;
            default:
                var got = line.Arguments[0];
                _bag.Error(line.Location, ConfigMessages.ExpectsOneOf("mode", proxy.Where, ["tcp", "http"], got, NearestMatch.Find(got, ["tcp", "http"])));
                break;
        }
    }

    /// <summary><c>balance ALG [ARGS]</c>; the form <c>ALG(ARG)</c> (<c>hdr(Host)</c>) puts ARG first in the arguments.</summary>
    private void ParseBalance(ConfigLine line, ProxyBuilder proxy)
    {
        var args = line.Arguments;
        if (args.Count == 0)
        {
            _bag.Error(line.Location, ConfigMessages.MissingArgument("balance", proxy.Where, "an algorithm such as 'roundrobin'"));
            return;
        }

        var first = args[0];
        var open = first.IndexOf('(');
        if (open > 0 && first.EndsWith(')'))
        {
            proxy.Balance = new BalanceConfig(first[..open], [first[(open + 1)..^1], .. args.Skip(1)]);
        }
        else
        {
            proxy.Balance = new BalanceConfig(first, [.. args.Skip(1)]);
        }

        // Checked against the policy registry by BalanceValidator, which knows the algorithms of this build.
        proxy.BalanceLocation = line.Location;
    }

    private void ParseNo(ConfigLine line, ProxyBuilder proxy)
    {
        var args = line.Arguments;
        if (args.Count > 0 && args[0] == "option")
        {
            _options.Parse(line with { Keyword = "option", Arguments = [.. args.Skip(1)] }, proxy, negated: true);
        }
        else if (args.Count == 1 && args[0] == "log")
        {
            proxy.Logs.Clear();
        }
        else
        {
            _bag.Error(line.Location, ConfigMessages.BadNo(proxy.Where, args.Count == 0 ? null : args[0]));
        }
    }

    private void ParseHashType(ConfigLine line, ProxyBuilder proxy)
    {
        var args = line.Arguments;
        if (args.Count == 0 || Array.IndexOf(HashMethods, args[0]) < 0)
        {
            var got = args.Count == 0 ? null : args[0];
            _bag.Error(line.Location, ConfigMessages.ExpectsOneOf("hash-type", proxy.Where, HashMethods, got, got is null ? null : NearestMatch.Find(got, HashMethods)));
            return;
        }

        proxy.HashType = [.. args];
    }

    private void SetInteger(ConfigLine line, string where, int min, Action<int> set)
    {
        if (_values.Arity(line, where, 1, "a number")
            && _values.Integer(line.Keyword, where, line.Arguments[0], min, int.MaxValue, line.Location) is { } value)
        {
            set(value);
        }
    }
}
