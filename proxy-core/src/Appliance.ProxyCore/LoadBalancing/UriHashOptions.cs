namespace Appliance.ProxyCore.LoadBalancing;

/// <summary>
/// The arguments of <c>balance uri [len N] [depth N] [whole] [path-only]</c>. Defaults: no length or depth limit, the
/// query string (from <c>?</c>) left out, an absolute URI's scheme and authority included.
/// </summary>
/// <param name="Length">Hash at most this many characters; 0 = unlimited.</param>
/// <param name="Depth">Hash at most this many directory levels (one per <c>/</c>); 0 = unlimited.</param>
/// <param name="Whole">Include the query string.</param>
/// <param name="PathOnly">Start at the path's first <c>/</c>, so absolute-form (HTTP/2, proxies) and origin-form hash alike.</param>
internal readonly record struct UriHashOptions(int Length, int Depth, bool Whole, bool PathOnly)
{
    /// <summary>Parses the arguments; returns the error message, or null with <paramref name="options"/> set.</summary>
    public static string? TryParse(IReadOnlyList<string> arguments, out UriHashOptions options)
    {
        options = default;
        for (var i = 0; i < arguments.Count; i++)
        {
            var word = arguments[i];
            switch (word)
            {
                case "whole":
                    options = options with { Whole = true };
                    break;
                case "path-only":
                    options = options with { PathOnly = true };
                    break;
                case "len" or "depth":
                    if (i + 1 >= arguments.Count || !PolicyArguments.TryParsePositive(arguments[i + 1], out var value))
                    {
                        var given = i + 1 < arguments.Count ? $"got '{arguments[i + 1]}'" : "got nothing";
                        return $"'balance uri': '{word}' expects a positive integer ({given})";
                    }

                    options = word == "len" ? options with { Length = value } : options with { Depth = value };
                    i++;
                    break;
                default:
                    return $"'balance uri' accepts only 'len <N>', 'depth <N>', 'whole' and 'path-only' (got '{word}')";
            }
        }

        return null;
    }

    /// <summary>The part of <paramref name="uri"/> these options hash.</summary>
    public ReadOnlySpan<char> KeyOf(string uri)
    {
        var key = uri.AsSpan();
        if (PathOnly && !key.StartsWith('/'))
        {
            var scheme = key.IndexOf("://", StringComparison.Ordinal);
            if (scheme >= 0)
            {
                var afterAuthority = key[(scheme + 3)..];
                var slash = afterAuthority.IndexOfAny('/', '?');
                key = slash >= 0 ? afterAuthority[slash..] : [];
            }
        }

        if (!Whole)
        {
            var query = key.IndexOf('?');
            if (query >= 0)
            {
                key = key[..query];
            }
        }

        if (Depth > 0)
        {
            // Depth N keeps N levels: "/a/b/c" at depth 1 is "/a", at depth 2 "/a/b"; cut before the (N+1)th slash.
            var slashes = 0;
            for (var i = 0; i < key.Length; i++)
            {
                if (key[i] == '/' && ++slashes > Depth)
                {
                    key = key[..i];
                    break;
                }
            }
        }

        if (Length > 0 && key.Length > Length)
        {
            key = key[..Length];
        }

        return key;
    }
}
