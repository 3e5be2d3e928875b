namespace Appliance.ProxyCore.Acl;

/// <summary>Splits a request-target into HAProxy's <c>path</c> and <c>query</c> without copying.</summary>
public static class HttpTarget
{
    /// <summary>
    /// The path: from the first slash (after the authority of an absolute-form target) up to the <c>?</c>. False when
    /// the target has no path (<c>*</c>, authority form, <c>http://host</c>), as HAProxy's <c>path</c> finds none.
    /// </summary>
    public static bool TryGetPath(ReadOnlySpan<char> url, out ReadOnlySpan<char> path)
    {
        var start = PathStart(url);
        if (start < 0)
        {
            path = default;
            return false;
        }

        var rest = url[start..];
        var query = rest.IndexOf('?');
        path = query < 0 ? rest : rest[..query];
        return true;
    }

    /// <summary>The text after the first <c>?</c>; false when there is no <c>?</c>.</summary>
    public static bool TryGetQuery(ReadOnlySpan<char> url, out ReadOnlySpan<char> query)
    {
        var mark = url.IndexOf('?');
        query = mark < 0 ? default : url[(mark + 1)..];
        return mark >= 0;
    }

    /// <summary>The path and query part (origin form) of a target; the whole target when it is already origin form.</summary>
    public static ReadOnlySpan<char> PathAndQuery(ReadOnlySpan<char> url)
    {
        var start = PathStart(url);
        if (start >= 0)
        {
            return url[start..];
        }

        var mark = url.IndexOf('?');
        return mark < 0 ? default : url[mark..];
    }

    private static int PathStart(ReadOnlySpan<char> url)
    {
        if (url.Length > 0 && url[0] == '/')
        {
            return 0;
        }

        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        if (scheme < 0)
        {
            return -1;
        }

        var authorityStart = scheme + 3;
        var slash = url[authorityStart..].IndexOfAny('/', '?');
        return slash < 0 || url[authorityStart + slash] == '?' ? -1 : authorityStart + slash;
    }
}
