namespace Appliance.ProxyCore.Acl;

/// <summary>
/// Cookie lookups. <c>req.cook</c> reads the <c>NAME=VALUE</c> pairs of every <c>Cookie</c> field line (separated by
/// <c>;</c>); <c>res.cook</c> reads the first pair of every <c>Set-Cookie</c> line (the rest are attributes).
/// Cookie names are case-sensitive (RFC 6265 §5.4); surrounding double quotes are kept, as HAProxy keeps them.
/// </summary>
public static class CookieValues
{
    /// <summary>Hands every value of cookie <paramref name="name"/> to <paramref name="visitor"/> until it returns true.</summary>
    /// <param name="response">True for <c>Set-Cookie</c> (response), false for <c>Cookie</c> (request).</param>
    public static bool VisitAll(IHttpHeaders headers, string name, bool response, ISampleVisitor visitor)
    {
        var pairs = new CookiePairs(headers, response);
        while (pairs.MoveNext(out var pairName, out var value))
        {
            if (pairName.SequenceEqual(name) && visitor.Visit(Sample.FromText(value)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The number of values of cookie <paramref name="name"/> (<c>req.cook_cnt</c>); an empty name counts every cookie.</summary>
    public static int Count(IHttpHeaders headers, string name, bool response)
    {
        var count = 0;
        var pairs = new CookiePairs(headers, response);
        while (pairs.MoveNext(out var pairName, out _))
        {
            if (name.Length == 0 || pairName.SequenceEqual(name))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>The last value of cookie <paramref name="name"/>, HAProxy's choice outside ACLs.</summary>
    public static bool TryGetLast(IHttpHeaders headers, string name, bool response, out ReadOnlySpan<char> value)
    {
        value = default;
        var found = false;
        var pairs = new CookiePairs(headers, response);
        while (pairs.MoveNext(out var pairName, out var pairValue))
        {
            if (pairName.SequenceEqual(name))
            {
                value = pairValue;
                found = true;
            }
        }

        return found;
    }

    /// <summary>Walks the cookie pairs of the Cookie (or Set-Cookie) lines without allocating.</summary>
    private ref struct CookiePairs(IHttpHeaders headers, bool response)
    {
        private readonly string _header = response ? "Set-Cookie" : "Cookie";
        private int _index = -1;
        private ReadOnlySpan<char> _rest;

        public bool MoveNext(out ReadOnlySpan<char> name, out ReadOnlySpan<char> value)
        {
            while (true)
            {
                while (_rest.IsEmpty)
                {
                    if (++_index >= headers.HeaderCount)
                    {
                        name = value = default;
                        return false;
                    }

                    if (HeaderValues.NameEquals(headers.GetHeaderName(_index), _header))
                    {
                        _rest = headers.GetHeaderValue(_index);
                    }
                }

                var semicolon = _rest.IndexOf(';');
                var pair = (semicolon < 0 ? _rest : _rest[..semicolon]).Trim(" \t");

                // A Set-Cookie line holds one cookie; what follows its first ';' are attributes.
                _rest = semicolon < 0 || response ? default : _rest[(semicolon + 1)..];
                var equals = pair.IndexOf('=');
                if (equals > 0)
                {
                    name = pair[..equals].TrimEnd(" \t");
                    value = pair[(equals + 1)..].TrimStart(" \t");
                    return true;
                }
            }
        }
    }
}
