using System.Globalization;
using Appliance.ProxyCore.Configuration;

namespace Appliance.ProxyCore.Acl;

/// <summary>
/// The sample fetches of this build, by HAProxy name, and the ACL shorthands built on them (<c>path_beg</c> is
/// <c>path -m beg</c>). Creates a fetch from its name and the text between its parentheses, or explains what is wrong.
/// </summary>
internal static class FetchCatalog
{
    private static readonly string[] Fetches =
    [
        "path", "url", "query", "method", "base", "req.ver", "req.proto_http", "hdr", "req.hdr", "res.hdr", "hdr_cnt",
        "req.hdr_cnt", "req.cook", "cook", "res.cook", "req.cook_cnt", "src", "src_port", "dst", "dst_port", "ssl_fc",
        "ssl_fc_sni", "req.ssl_sni", "status", "always_true", "always_false",
    ];

    /// <summary>ACL shorthands: keyword, the fetch it reads, the matching method it implies.</summary>
    private static readonly Dictionary<string, (string Fetch, MatchKind Match)> Shorthands = BuildShorthands();

    /// <summary>Every fetch and shorthand name, for "did you mean" hints.</summary>
    public static IEnumerable<string> AclNames => Fetches.Concat(Shorthands.Keys);

    public static IEnumerable<string> FetchNames => Fetches;

    /// <summary>Resolves an ACL keyword: a shorthand gives its fetch and implied method; a plain fetch gives no method.</summary>
    public static (string Fetch, MatchKind? Match) ResolveAclKeyword(string keyword) =>
        Shorthands.TryGetValue(keyword, out var shorthand) ? (shorthand.Fetch, shorthand.Match) : (keyword, null);

    public static bool IsKnown(string fetch) => Array.IndexOf(Fetches, fetch) >= 0;

    /// <summary>
    /// The fetch <paramref name="fetch"/> with <paramref name="arguments"/> (the text inside its parentheses, null
    /// without parentheses). <paramref name="written"/> is the text as written, for messages.
    /// </summary>
    public static SampleFetch? Create(string fetch, string? arguments, string written, string subject, out string? error)
    {
        error = null;
        switch (fetch)
        {
            case "hdr" or "req.hdr" or "res.hdr":
                return Header(fetch, arguments, written, subject, out error);
            case "hdr_cnt" or "req.hdr_cnt":
                return new HeaderCountFetch(written, arguments ?? "");
            case "req.cook" or "cook" or "res.cook":
                if (string.IsNullOrEmpty(arguments))
                {
                    error = ConfigMessages.FetchArgument(subject, fetch, "a cookie name, as in 'req.cook(SESSIONID)'", arguments ?? "");
                    return null;
                }

                return new CookieFetch(written, arguments, fetch == "res.cook");
            case "req.cook_cnt":
                return new CookieCountFetch(written, arguments ?? "");
        }

        if (arguments is not null)
        {
            error = ConfigMessages.FetchTakesNoArgument(subject, fetch, arguments);
            return null;
        }

        return fetch switch
        {
            "path" => new RequestLineFetch(fetch, RequestLineValue.Path),
            "url" => new RequestLineFetch(fetch, RequestLineValue.Url),
            "query" => new RequestLineFetch(fetch, RequestLineValue.Query),
            "method" => new RequestLineFetch(fetch, RequestLineValue.Method),
            "req.ver" => new RequestLineFetch(fetch, RequestLineValue.Version),
            "req.proto_http" => new RequestLineFetch(fetch, RequestLineValue.IsHttp),
            "base" => new BaseFetch(),
            "src" => new ConnectionFetch(fetch, ConnectionValue.Source),
            "src_port" => new ConnectionFetch(fetch, ConnectionValue.SourcePort),
            "dst" => new ConnectionFetch(fetch, ConnectionValue.Destination),
            "dst_port" => new ConnectionFetch(fetch, ConnectionValue.DestinationPort),
            "ssl_fc" => new ConnectionFetch(fetch, ConnectionValue.SslFrontend),
            "ssl_fc_sni" or "req.ssl_sni" => new ConnectionFetch(fetch, ConnectionValue.SslSni),
            "status" => new StatusFetch(),
            "always_true" => new ConstantFetch(true),
            "always_false" => new ConstantFetch(false),
            _ => Unknown(fetch, subject, out error),
        };
    }

    private static SampleFetch? Unknown(string fetch, string subject, out string? error)
    {
        error = ConfigMessages.UnknownFetch(subject, fetch, Configuration.Parsing.NearestMatch.Find(fetch, AclNames));
        return null;
    }

    /// <summary><c>hdr(NAME[,OCC])</c>: OCC is a non-zero integer, 1 = first, -1 = last.</summary>
    private static HeaderFetch? Header(string fetch, string? arguments, string written, string subject, out string? error)
    {
        error = null;
        var parts = (arguments ?? "").Split(',');
        var name = parts[0].Trim();
        if (name.Length == 0)
        {
            error = ConfigMessages.FetchArgument(subject, fetch, $"a header name, as in '{fetch}(host)'", arguments ?? "");
            return null;
        }

        int? occurrence = null;
        if (parts.Length == 2 && int.TryParse(parts[1].Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var occ) && occ != 0)
        {
            occurrence = occ;
        }
        else if (parts.Length != 1)
        {
            error = ConfigMessages.FetchArgument(subject, fetch, "a header name and an optional non-zero occurrence, as in 'hdr(x-forwarded-for,-1)'", arguments!);
            return null;
        }

        return new HeaderFetch(written, name, occurrence, fetch == "res.hdr");
    }

    private static Dictionary<string, (string, MatchKind)> BuildShorthands()
    {
        var map = new Dictionary<string, (string, MatchKind)>(StringComparer.Ordinal);
        var suffixes = new (string Suffix, MatchKind Match)[]
        {
            ("beg", MatchKind.Beg), ("end", MatchKind.End), ("sub", MatchKind.Sub), ("reg", MatchKind.Reg),
            ("dir", MatchKind.Dir), ("dom", MatchKind.Dom), ("len", MatchKind.Len),
        };
        foreach (var fetch in new[] { "path", "url", "hdr", "base", "ssl_fc_sni", "req.ssl_sni" })
        {
            foreach (var (suffix, match) in suffixes)
            {
                map[$"{fetch}_{suffix}"] = (fetch, match);
            }
        }

        map["hdr_val"] = ("hdr", MatchKind.Int);
        map["hdr_ip"] = ("hdr", MatchKind.Ip);
        return map;
    }
}
