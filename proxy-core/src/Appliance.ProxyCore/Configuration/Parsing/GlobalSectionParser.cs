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
                case "maxpipes":
                    // HAProxy: 0 (like no line at all) leaves the default, maxconn / 4.
                    if (_values.Arity(line, where, 1, "a number"))
                    {
                        var pipes = _values.Integer("maxpipes", where, line.Arguments[0], 0, int.MaxValue, line.Location);
                        config = config with { MaxPipes = pipes is > 0 ? pipes : config.MaxPipes };
                    }

                    break;
                case "nosplice":
                    if (_values.Arity(line, where, 0, "no argument"))
                    {
                        config = config with { NoSplice = true };
                    }

                    break;
                case "hard-stop-after":
                    // HAProxy: a time (milliseconds by default); 0 is its "not set" tick (no bound); the last line wins.
                    if (_values.Arity(line, where, 1, "a time") && _values.Time("hard-stop-after", where, line.Arguments[0], line.Location) is { } bound)
                    {
                        config = config with { HardStopAfter = bound > TimeSpan.Zero ? bound : null };
                    }

                    break;
                case "close-spread-time":
                    // HAProxy 2.5+: a time or "infinite"; 0 spreads nothing (close at once); the last line wins.
                    if (_values.Arity(line, where, 1, "a time or 'infinite'"))
                    {
                        var text = line.Arguments[0];
                        var window = text == "infinite" ? Timeout.InfiniteTimeSpan : _values.Time("close-spread-time", where, text, line.Location);
                        config = window is { } w ? config with { CloseSpreadTime = w == TimeSpan.Zero ? null : w } : config;
                    }

                    break;
                case "user" or "uid":
                    config = config with { User = Account(line, config.User, "a user name", "a numeric user id") ?? config.User };
                    break;
                case "group" or "gid":
                    config = config with { Group = Account(line, config.Group, "a group name", "a numeric group id") ?? config.Group };
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

    /// <summary>
    /// <c>user NAME</c>/<c>uid N</c> or <c>group NAME</c>/<c>gid N</c>; null (with an error) when malformed or when the
    /// account was already given (HAProxy's "user/uid already specified": two lines would leave which one wins unclear).
    /// </summary>
    private AccountSetting? Account(ConfigLine line, AccountSetting? first, string name, string number)
    {
        var numeric = line.Keyword is "uid" or "gid";
        if (!_values.Arity(line, ConfigMessages.InGlobal, 1, numeric ? number : name))
        {
            return null;
        }

        var value = line.Arguments[0];
        if (first is not null)
        {
            bag.Error(line.Location, ConfigMessages.AccountRepeated(line.Keyword, value, first.ToString(), first.Location.ToString()));
            return null;
        }

        if (!numeric)
        {
            return new AccountSetting(line.Keyword, value, null, line.Location);
        }

        // uid_t/gid_t are 32 bits; (uid_t)-1 means "leave unchanged" to setresuid, so it is not an id.
        if (uint.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) && id != uint.MaxValue)
        {
            return new AccountSetting(line.Keyword, value, id, line.Location);
        }

        bag.Error(line.Location, ConfigMessages.ExpectsAccountId(line.Keyword, number, value, line.Keyword == "uid" ? "user" : "group"));
        return null;
    }
}
