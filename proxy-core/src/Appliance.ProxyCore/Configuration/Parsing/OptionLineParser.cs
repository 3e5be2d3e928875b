namespace Appliance.ProxyCore.Configuration.Parsing;

/// <summary>
/// <c>option NAME [ARGS]</c> and <c>no option NAME</c>. The name is stored in (or removed from) the proxy's options;
/// a line with arguments (other than <c>httpchk</c>, parsed here) is also kept deferred so a later stage sees them.
/// </summary>
internal sealed class OptionLineParser(DiagnosticBag bag)
{
    private readonly ForwardForParser _forwardFor = new(bag);

    public void Parse(ConfigLine line, ProxyBuilder proxy, bool negated)
    {
        var keyword = negated ? "no option" : "option";
        if (line.Arguments.Count == 0)
        {
            bag.Error(line.Location, ConfigMessages.MissingArgument(keyword, proxy.Where, "an option name"));
            return;
        }

        var name = line.Arguments[0];
        if (RemovedDirectives.Find("option", line.Arguments) is { } removed)
        {
            bag.Error(line.Location, ConfigMessages.RemovedDirective(removed));
            return;
        }

        if (!OptionCatalog.Names.Contains(name))
        {
            bag.Error(line.Location, ConfigMessages.UnknownOption(name, proxy.Where, NearestMatch.Find(name, OptionCatalog.Names)));
            return;
        }

        if (negated)
        {
            proxy.Options.Remove(name);
            if (name == "forwardfor")
            {
                proxy.ForwardFor = null;
            }

            return;
        }

        proxy.Options.Add(name);
        if (name == "forwardfor")
        {
            // The typed arguments; a later 'option forwardfor' replaces them wholly, as in HAProxy.
            proxy.ForwardFor = _forwardFor.Parse(line, proxy.Where) ?? Rules.ForwardForOption.Default;
        }

        if (name == "httpchk")
        {
            ParseHttpChk(line, proxy);
        }
        else if (line.Arguments.Count > 1)
        {
            proxy.DeferredLines.Add(line);
        }
    }

    /// <summary>
    /// <c>option httpchk</c>, <c>option httpchk URI</c>, <c>option httpchk METHOD URI [VERSION]</c>. The old trick of
    /// appending <c>\r\nHost:\ NAME</c> to the version is understood and yields the Host header.
    /// </summary>
    private void ParseHttpChk(ConfigLine line, ProxyBuilder proxy)
    {
        var args = line.Arguments;
        switch (args.Count)
        {
            case 1:
                return;
            case 2:
                proxy.CheckUri = args[1];
                return;
            case 3 or 4:
                proxy.CheckMethod = args[1];
                proxy.CheckUri = args[2];
                if (args.Count == 4)
                {
                    var parts = args[3].Split("\r\n");
                    proxy.CheckVersion = parts[0];
                    var host = parts.Skip(1).FirstOrDefault(p => p.StartsWith("Host:", StringComparison.OrdinalIgnoreCase));
                    if (host is not null)
                    {
                        proxy.CheckHost = host[5..].Trim();
                    }
                }

                return;
            default:
                bag.Error(line.Location, ConfigMessages.TooManyArguments("option httpchk", proxy.Where, "[METHOD] [URI] [VERSION]", args[4]));
                return;
        }
    }
}
