using System.Text;

namespace Appliance.ProxyCore.Stats;

/// <summary>
/// HAProxy's test for a stats request (src/http_ana.c, http_stats_check_uri): a GET, HEAD or POST whose path, query
/// included, starts with the <c>stats uri</c> prefix. Compares without allocating.
/// </summary>
public static class StatsUri
{
    /// <summary>True when the method may reach the stats page.</summary>
    public static bool IsStatsMethod(ReadOnlySpan<char> method) => method is "GET" or "HEAD" or "POST";

    /// <summary>True when <paramref name="pathAndQuery"/> (ASCII) starts with <paramref name="prefix"/>.</summary>
    public static bool Matches(ReadOnlySpan<byte> pathAndQuery, string prefix)
    {
        if (pathAndQuery.Length < prefix.Length)
        {
            return false;
        }

        for (var i = 0; i < prefix.Length; i++)
        {
            if (pathAndQuery[i] != prefix[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when <paramref name="pathAndQuery"/> starts with <paramref name="prefix"/>.</summary>
    public static bool Matches(ReadOnlySpan<char> pathAndQuery, string prefix) => pathAndQuery.StartsWith(prefix, StringComparison.Ordinal);

    /// <summary>The path of an absolute-form target (<c>http://h/p?q</c> gives <c>/p?q</c>); other targets as they are.</summary>
    public static ReadOnlySpan<char> PathOf(ReadOnlySpan<char> target)
    {
        var scheme = target.IndexOf("://", StringComparison.Ordinal);
        if (scheme < 0 || target.IsEmpty || target[0] == '/')
        {
            return target;
        }

        var rest = target[(scheme + 3)..];
        var slash = rest.IndexOfAny('/', '?');
        return slash < 0 ? "/" : rest[slash..];
    }

    internal static string Decode(ReadOnlySpan<byte> ascii) => Encoding.ASCII.GetString(ascii);
}
