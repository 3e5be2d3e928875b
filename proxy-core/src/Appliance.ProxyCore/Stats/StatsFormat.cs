using System.Globalization;

namespace Appliance.ProxyCore.Stats;

/// <summary>Short human forms of durations for the HTML page, as HAProxy writes them (<c>3d4h</c>, <c>5m10s</c>, <c>12s</c>).</summary>
public static class StatsFormat
{
    /// <summary>The two largest units of <paramref name="seconds"/>; a negative value (never) gives <c>-</c>.</summary>
    public static string Duration(long seconds)
    {
        if (seconds < 0)
        {
            return "-";
        }

        var (d, h, m, s) = (seconds / 86400, seconds / 3600 % 24, seconds / 60 % 60, seconds % 60);
        return d > 0 ? $"{d}d{h}h"
            : h > 0 ? $"{h}h{m}m"
            : m > 0 ? $"{m}m{s}s"
            : string.Create(CultureInfo.InvariantCulture, $"{s}s");
    }

    /// <summary>The admin outcome message for a <c>;st=</c> code (HAProxy's codes).</summary>
    public static string ActionMessage(string code) => code switch
    {
        "DONE" => "Action processed successfully.",
        "NONE" => "Nothing has changed.",
        "PART" => "Action partially processed: some servers were not found.",
        "ERRP" => "Action not processed because of invalid parameters.",
        "EXCD" => "Action not processed: the request was too large.",
        "DENY" => "Action denied.",
        "PX" => "Proxy doesn't exist.",
        _ => "Unexpected result.",
    };
}
