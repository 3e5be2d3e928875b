using System.Globalization;

namespace Appliance.ProxyCore.Configuration.Parsing;

/// <summary>
/// <c>http-check</c> rules. Parsed now: <c>http-check expect status N</c> and the method, URI, version and Host header
/// of <c>http-check send</c>. The other rules (expect string/rstatus/..., connect, comment, set-var, ...) are valid and
/// deferred.
/// </summary>
internal sealed class HttpCheckLineParser(DiagnosticBag bag)
{
    private static readonly string[] Actions = ["expect", "send", "connect", "comment", "disable-on-404", "send-state", "set-var", "unset-var"];

    public void Parse(ConfigLine line, ProxyBuilder proxy)
    {
        var args = line.Arguments;
        if (args.Count == 0 || Array.IndexOf(Actions, args[0]) < 0)
        {
            var got = args.Count == 0 ? null : args[0];
            bag.Error(line.Location, ConfigMessages.ExpectsOneOf("http-check", proxy.Where, Actions, got, got is null ? null : NearestMatch.Find(got, Actions)));
            return;
        }

        switch (args[0])
        {
            case "expect" when args.Count == 3 && args[1] == "status"
                && int.TryParse(args[2], NumberStyles.None, CultureInfo.InvariantCulture, out var status):
                if (status is < 100 or > 599)
                {
                    bag.Error(line.Location, ConfigMessages.ExpectsInteger("http-check expect status", proxy.Where, 100, 599, args[2]));
                    return;
                }

                proxy.CheckExpectStatus = status;
                return;
            case "expect" when args.Count < 2:
                bag.Error(line.Location, ConfigMessages.MissingArgument("http-check expect", proxy.Where, "a match such as 'status 200'"));
                return;
            case "send":
                ParseSend(line, proxy);
                return;
            default:
                proxy.DeferredLines.Add(line);
                return;
        }
    }

    private void ParseSend(ConfigLine line, ProxyBuilder proxy)
    {
        var args = line.Arguments;
        var fullyParsed = true;
        for (var i = 1; i < args.Count; i++)
        {
            var hasValue = i + 1 < args.Count;
            switch (args[i])
            {
                case "meth" when hasValue: proxy.CheckMethod = args[++i]; break;
                case "uri" when hasValue: proxy.CheckUri = args[++i]; break;
                case "ver" when hasValue: proxy.CheckVersion = args[++i]; break;
                case "hdr" when i + 2 < args.Count:
                    if (args[i + 1].Equals("host", StringComparison.OrdinalIgnoreCase))
                    {
                        proxy.CheckHost = args[i + 2];
                    }
                    else
                    {
                        fullyParsed = false;
                    }

                    i += 2;
                    break;
                case "uri-lf" or "body" or "body-lf" when hasValue:
                    fullyParsed = false;
                    i++;
                    break;
                default:
                    bag.Error(line.Location, ConfigMessages.BadHttpCheckSend(proxy.Where, args[i]));
                    return;
            }
        }

        if (!fullyParsed)
        {
            proxy.DeferredLines.Add(line);
        }
    }
}
