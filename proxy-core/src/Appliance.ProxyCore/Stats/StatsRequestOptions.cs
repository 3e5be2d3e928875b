namespace Appliance.ProxyCore.Stats;

/// <summary>
/// The options HAProxy reads after the stats URI: <c>;csv</c>, <c>;json</c>, <c>;up</c> (only servers that are up),
/// <c>;norefresh</c> and <c>;st=CODE</c> (the outcome of an admin action, shown once).
/// </summary>
public sealed record StatsRequestOptions(StatsFormatKind Format, bool UpOnly, bool NoRefresh, string? ActionStatus)
{
    /// <summary>Reads the options from the part of the path after the stats URI.</summary>
    public static StatsRequestOptions Parse(string rest)
    {
        var format = StatsFormatKind.Html;
        bool up = false, noRefresh = false;
        string? status = null;
        foreach (var part in rest.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            switch (part)
            {
                case "csv":
                    format = StatsFormatKind.Csv;
                    break;
                case "json":
                    format = StatsFormatKind.Json;
                    break;
                case "up":
                    up = true;
                    break;
                case "norefresh":
                    noRefresh = true;
                    break;
                default:
                    if (part.StartsWith("st=", StringComparison.Ordinal))
                    {
                        status = new string([.. part[3..].TakeWhile(char.IsAsciiLetterUpper)]);
                    }

                    break;
            }
        }

        return new StatsRequestOptions(format, up, noRefresh, status);
    }
}
