namespace Appliance.ProxyCore.Persistence;

/// <summary>Reads and rebuilds <c>Cookie</c> request header values (<c>a=1; b=2</c>, RFC 6265 §4.2).</summary>
internal static class CookieHeader
{
    /// <summary>The value of cookie <paramref name="name"/> in one Cookie header value, or null.</summary>
    public static string? Find(string header, string name)
    {
        foreach (var pair in header.Split(';'))
        {
            var trimmed = pair.AsSpan().Trim();
            var eq = trimmed.IndexOf('=');
            if (eq > 0 && trimmed[..eq].Trim().SequenceEqual(name))
            {
                return trimmed[(eq + 1)..].Trim().ToString();
            }
        }

        return null;
    }

    /// <summary>The header value with cookie <paramref name="name"/> removed (or its value replaced); null when nothing is left.</summary>
    public static string? Rewrite(string header, string name, string? newValue)
    {
        var kept = new List<string>();
        foreach (var pair in header.Split(';'))
        {
            var trimmed = pair.Trim();
            if (trimmed.Length == 0)
            {
                continue;
            }

            var eq = trimmed.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && trimmed[..eq].Trim() == name)
            {
                if (newValue is not null)
                {
                    kept.Add($"{name}={newValue}");
                }

                continue;
            }

            kept.Add(trimmed);
        }

        return kept.Count == 0 ? null : string.Join("; ", kept);
    }

    /// <summary>The cookie name of a <c>Set-Cookie</c> value (<c>NAME=VALUE; attrs</c>).</summary>
    public static string SetCookieName(string setCookie)
    {
        var eq = setCookie.IndexOf('=', StringComparison.Ordinal);
        return eq < 0 ? string.Empty : setCookie[..eq].Trim();
    }

    /// <summary>The value of a <c>Set-Cookie</c> (between '=' and the first ';').</summary>
    public static string SetCookieValue(string setCookie)
    {
        var eq = setCookie.IndexOf('=', StringComparison.Ordinal);
        if (eq < 0)
        {
            return string.Empty;
        }

        var end = setCookie.IndexOf(';', eq);
        return (end < 0 ? setCookie[(eq + 1)..] : setCookie[(eq + 1)..end]).Trim();
    }

    /// <summary>Replaces the value of a <c>Set-Cookie</c>, keeping its attributes.</summary>
    public static string WithSetCookieValue(string setCookie, string value)
    {
        var eq = setCookie.IndexOf('=', StringComparison.Ordinal);
        var end = setCookie.IndexOf(';', eq);
        return setCookie[..(eq + 1)] + value + (end < 0 ? string.Empty : setCookie[end..]);
    }
}
