using System.Text;
using Appliance.ProxyCore.Acl;

namespace Appliance.ProxyCore.Rules;

/// <summary>Rebuilds a request-target around a new path, keeping an absolute-form prefix and the query.</summary>
internal static class UrlRewriter
{
    /// <summary>Appends <c>PREFIX NEWPATH [?QUERY]</c> to <paramref name="output"/>, where PREFIX is <c>scheme://authority</c> of an absolute-form target.</summary>
    public static void WithPath(ReadOnlySpan<char> url, ReadOnlySpan<char> path, StringBuilder output)
    {
        var pathAndQuery = HttpTarget.PathAndQuery(url);
        output.Append(url[..(url.Length - pathAndQuery.Length)]);
        output.Append(path);
        if (HttpTarget.TryGetQuery(url, out var query))
        {
            output.Append('?').Append(query);
        }
    }
}
