namespace Appliance.ProxyCore.Configuration.Parsing;

/// <summary>
/// <c>server NAME ADDRESS [PARAMS]</c> and <c>default-server [PARAMS]</c>. The address is an IPv4 literal, an IPv6
/// literal (<c>[ADDR]:PORT</c>, or bare with a port after the last colon), or a host name resolved later; without a
/// port the client's destination port is used. A path after the address is refused (HAProxy ignores it silently).
/// </summary>
internal sealed class ServerLineParser(DiagnosticBag bag)
{
    private readonly ValueReader _values = new(bag);

    public ServerConfig? ParseServer(ConfigLine line, string where, ServerParams defaults)
    {
        var args = line.Arguments;
        if (args.Count == 0)
        {
            bag.Error(line.Location, ConfigMessages.ServerWithoutName(where));
            return null;
        }

        var name = args[0];
        if (args.Count < 2 || ServerKeywordCatalog.Find(args[1]) is not null)
        {
            bag.Error(line.Location, ConfigMessages.ServerWithoutAddress(name, where, args.Count < 2 ? null : args[1]));
            return null;
        }

        var serverWhere = ConfigMessages.OnServer(name, where);
        var parameters = defaults.Clone();
        var ok = ApplyParameters(args, 2, parameters, serverWhere, line.Location);
        var address = ParseAddress(args[1], name, where, line.Location, out var host, out var port);
        ok &= address.Ok;
        if (parameters.AgentCheck && parameters.AgentPort is null)
        {
            bag.Error(line.Location, ConfigMessages.AgentCheckWithoutPort(name, where));
            ok = false;
        }

        if (!ok)
        {
            return null;
        }

        return new ServerConfig
        {
            Name = name,
            Host = host,
            Address = address.Ip,
            Port = port,
            Location = line.Location,
            Check = parameters.Check,
            Inter = parameters.Inter,
            FastInter = parameters.FastInter,
            DownInter = parameters.DownInter,
            Rise = parameters.Rise,
            Fall = parameters.Fall,
            CheckPort = parameters.CheckPort,
            CheckAddress = parameters.CheckAddress,
            Weight = parameters.Weight,
            MaxConn = parameters.MaxConn,
            PoolMaxConn = parameters.PoolMaxConn,
            MaxQueue = parameters.MaxQueue,
            Backup = parameters.Backup,
            Disabled = parameters.Disabled,
            Cookie = parameters.Cookie,
            Agent = parameters.AgentCheck
                ? new AgentCheckConfig(parameters.AgentAddress, parameters.AgentHost, parameters.AgentPort!.Value,
                    parameters.AgentInter ?? parameters.Inter, parameters.AgentSend)
                : null,
            OtherOptions = [.. parameters.OtherOptions],
        };
    }

    /// <summary><c>default-server</c>: the parameters update <paramref name="defaults"/> for the servers that follow.</summary>
    public void ParseDefaultServer(ConfigLine line, string where, ServerParams defaults) =>
        ApplyParameters(line.Arguments, 0, defaults, ConfigMessages.OnDefaultServer(where), line.Location);

    private (bool Ok, System.Net.IPAddress? Ip) ParseAddress(string text, string name, string where, SourceLocation location, out string host, out int? port)
    {
        host = text;
        port = null;
        var parts = AddressParser.Split(text, out var error);
        if (parts is null)
        {
            bag.Error(location, ConfigMessages.BadServerAddress(name, where, text, error!));
            return (false, null);
        }

        host = parts.Host;
        var ip = AddressParser.ParseIp(parts.Host, parts.Family);
        if (ip is null && (parts.Host.Contains(':') || !AddressParser.IsHostName(parts.Host)))
        {
            bag.Error(location, ConfigMessages.BadServerAddress(name, where, text, ConfigMessages.NotAnIpOrHost(parts.Host)));
            return (false, null);
        }

        if (parts.Port is not null)
        {
            port = _values.Port("server", ConfigMessages.OnServer(name, where), parts.Port, location);
            if (port is null)
            {
                return (false, ip);
            }
        }

        return (true, ip);
    }

    private bool ApplyParameters(IReadOnlyList<string> args, int start, ServerParams p, string where, SourceLocation location)
    {
        var ok = true;
        for (var i = start; i < args.Count; i++)
        {
            var keyword = ServerKeywordCatalog.Find(args[i]);
            if (keyword is null)
            {
                bag.Error(location, ConfigMessages.UnknownServerKeyword(args[i], where, NearestMatch.Find(args[i], ServerKeywordCatalog.Names)));
                ok = false;
                continue;
            }

            string? value = null;
            if (keyword.Arity == 1)
            {
                if (i + 1 >= args.Count)
                {
                    bag.Error(location, ConfigMessages.ServerKeywordWithoutValue(keyword.Name, where));
                    return false;
                }

                value = args[++i];
            }

            if (keyword.Handling == KeywordHandling.Deferred)
            {
                p.OtherOptions.Add(keyword.Name);
                if (value is not null)
                {
                    p.OtherOptions.Add(value);
                }

                continue;
            }

            ok &= Apply(keyword.Name, value, p, where, location);
        }

        return ok;
    }

    private bool Apply(string keyword, string? value, ServerParams p, string where, SourceLocation location)
    {
        switch (keyword)
        {
            case "check": p.Check = true; return true;
            case "no-check": p.Check = false; return true;
            case "backup": p.Backup = true; return true;
            case "no-backup": p.Backup = false; return true;
            case "disabled": p.Disabled = true; return true;
            case "enabled": p.Disabled = false; return true;
            case "agent-check": p.AgentCheck = true; return true;
            case "no-agent-check": p.AgentCheck = false; return true;
            case "cookie": p.Cookie = value; return true;
            case "agent-send": p.AgentSend = value; return true;
            case "inter": return Set(_values.Time(keyword, where, value!, location), v => p.Inter = v);
            case "fastinter": return Set(_values.Time(keyword, where, value!, location), v => p.FastInter = v);
            case "downinter": return Set(_values.Time(keyword, where, value!, location), v => p.DownInter = v);
            case "agent-inter": return Set(_values.Time(keyword, where, value!, location), v => p.AgentInter = v);
            case "rise": return Set(_values.Integer(keyword, where, value!, 1, int.MaxValue, location), v => p.Rise = v);
            case "fall": return Set(_values.Integer(keyword, where, value!, 1, int.MaxValue, location), v => p.Fall = v);
            case "weight": return Set(_values.Integer(keyword, where, value!, 0, 256, location), v => p.Weight = v);
            case "maxconn": return Set(_values.Integer(keyword, where, value!, 0, int.MaxValue, location), v => p.MaxConn = v);
            case "maxqueue": return Set(_values.Integer(keyword, where, value!, 0, int.MaxValue, location), v => p.MaxQueue = v);
            case "pool-max-conn": return Set(_values.Integer(keyword, where, value!, -1, int.MaxValue, location), v => p.PoolMaxConn = v);
            case "port": return Set(_values.Port(keyword, where, value!, location), v => p.CheckPort = v);
            case "agent-port": return Set(_values.Port(keyword, where, value!, location), v => p.AgentPort = v);
            case "addr":
                {
                    var ip = AddressParser.ParseIp(value!);
                    if (ip is null)
                    {
                        bag.Error(location, ConfigMessages.ExpectsIp(keyword, where, value!));
                        return false;
                    }

                    p.CheckAddress = ip;
                    return true;
                }

            default: // agent-addr: an IP literal or a name resolved later.
                {
                    var ip = AddressParser.ParseIp(value!);
                    if (ip is null && !AddressParser.IsHostName(value!))
                    {
                        bag.Error(location, ConfigMessages.ExpectsIpOrHost(keyword, where, value!));
                        return false;
                    }

                    p.AgentAddress = ip;
                    p.AgentHost = ip is null ? value : null;
                    return true;
                }
        }
    }

    private static bool Set<T>(T? value, Action<T> set)
        where T : struct
    {
        if (value is null)
        {
            return false;
        }

        set(value.Value);
        return true;
    }
}
