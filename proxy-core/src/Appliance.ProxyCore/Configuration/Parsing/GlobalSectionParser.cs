namespace Appliance.ProxyCore.Configuration.Parsing;

/// <summary>
/// Parses every <c>global</c> section (HAProxy allows several; they add up) into one <see cref="GlobalConfig"/>.
/// </summary>
internal sealed class GlobalSectionParser(DiagnosticBag bag)
{
    private readonly ValueReader _values = new(bag);
    private readonly LogLineParser _logs = new(bag);

    public GlobalConfig Parse(IEnumerable<ConfigSection> sections)
    {
        var config = GlobalConfig.Empty;
        var logs = new List<LogTargetConfig>();
        var deferred = new List<ConfigLine>();
        const string where = ConfigMessages.InGlobal;
        foreach (var line in sections.SelectMany(s => s.Lines))
        {
            if (RemovedDirectives.Find(line.Keyword, line.Arguments) is { } removed)
            {
                bag.Error(line.Location, ConfigMessages.RemovedDirective(removed));
                continue;
            }

            switch (line.Keyword)
            {
                case "maxconn":
                    if (_values.Arity(line, where, 1, "a number"))
                    {
                        config = config with { MaxConn = _values.Integer("maxconn", where, line.Arguments[0], 1, int.MaxValue, line.Location) };
                    }

                    break;
                case "user":
                    if (_values.Arity(line, where, 1, "a user name"))
                    {
                        config = config with { User = line.Arguments[0] };
                    }

                    break;
                case "group":
                    if (_values.Arity(line, where, 1, "a group name"))
                    {
                        config = config with { Group = line.Arguments[0] };
                    }

                    break;
                case "log":
                    if (_logs.Parse(line, where) is { } log)
                    {
                        logs.Add(log);
                    }

                    break;
                default:
                    if (GlobalKeywordCatalog.IsDeferred(line.Keyword))
                    {
                        deferred.Add(line);
                    }
                    else
                    {
                        var hint = NearestMatch.Find(line.Keyword, GlobalKeywordCatalog.Names.Concat(SectionKeywords.All));
                        bag.Error(line.Location, ConfigMessages.UnknownKeyword(line.Keyword, where, hint));
                    }

                    break;
            }
        }

        return config with { Logs = logs, DeferredLines = deferred };
    }
}
