using Appliance.ProxyCore.Acl;
using Appliance.ProxyCore.Rules;

namespace Appliance.ProxyCore.Configuration.Parsing;

/// <summary>
/// The arguments of <c>option forwardfor [except NETWORK] [header NAME] [if-none]</c>, in any order. NETWORK is an
/// IPv4 or IPv6 address with an optional prefix length (or dotted IPv4 mask). Returns null after reporting.
/// </summary>
internal sealed class ForwardForParser(DiagnosticBag bag)
{
    private static readonly string[] Arguments = ["except", "header", "if-none"];

    public ForwardForOption? Parse(ConfigLine line, string where)
    {
        var args = line.Arguments;
        var header = ForwardForOption.DefaultHeader;
        NetworkPattern? except = null;
        var ifNone = false;
        for (var i = 1; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "if-none":
                    ifNone = true;
                    break;
                case "except" or "header":
                    if (i + 1 >= args.Count)
                    {
                        bag.Error(line.Location, ConfigMessages.ForwardForMissingValue(where, args[i], args[i] == "except" ? "a network such as '127.0.0.0/8'" : "a header name"));
                        return null;
                    }

                    var value = args[++i];
                    if (args[i - 1] == "header")
                    {
                        header = value;
                    }
                    else if ((except = MatcherFactory.ParseNetwork(value)) is null)
                    {
                        bag.Error(line.Location, ConfigMessages.ForwardForBadNetwork(where, value));
                        return null;
                    }

                    break;
                default:
                    bag.Error(line.Location, ConfigMessages.ForwardForUnknownArgument(where, args[i], NearestMatch.Find(args[i], Arguments)));
                    return null;
            }
        }

        return new ForwardForOption(header, except, ifNone);
    }
}
