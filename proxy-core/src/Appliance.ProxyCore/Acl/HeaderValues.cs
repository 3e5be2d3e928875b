namespace Appliance.ProxyCore.Acl;

/// <summary>
/// Header lookups shared by the <c>hdr</c> family: like HAProxy's <c>req.hdr</c>, every comma-separated element of
/// every field line with the name is one occurrence, trimmed of spaces and tabs. Names compare ASCII case-insensitively.
/// </summary>
public static class HeaderValues
{
    /// <summary>The number of occurrences of <paramref name="name"/> (<c>hdr_cnt</c>); an empty name counts every field line.</summary>
    public static int Count(IHttpHeaders headers, string name)
    {
        var count = 0;
        for (var i = 0; i < headers.HeaderCount; i++)
        {
            if (name.Length == 0)
            {
                count++;
            }
            else if (NameEquals(headers.GetHeaderName(i), name))
            {
                count += headers.GetHeaderValue(i).Count(',') + 1;
            }
        }

        return count;
    }

    /// <summary>Hands every occurrence to <paramref name="visitor"/> until it returns true.</summary>
    public static bool VisitAll(IHttpHeaders headers, string name, ISampleVisitor visitor)
    {
        for (var i = 0; i < headers.HeaderCount; i++)
        {
            if (!NameEquals(headers.GetHeaderName(i), name))
            {
                continue;
            }

            var rest = headers.GetHeaderValue(i);
            while (true)
            {
                var comma = rest.IndexOf(',');
                var element = comma < 0 ? rest : rest[..comma];
                if (visitor.Visit(Sample.FromText(Trim(element))))
                {
                    return true;
                }

                if (comma < 0)
                {
                    break;
                }

                rest = rest[(comma + 1)..];
            }
        }

        return false;
    }

    /// <summary>
    /// The occurrence at <paramref name="occurrence"/>: 1 = first, -1 = last, -2 = the one before, and so on.
    /// False when there are fewer occurrences (or <paramref name="occurrence"/> is 0).
    /// </summary>
    public static bool TryGet(IHttpHeaders headers, string name, int occurrence, out ReadOnlySpan<char> value)
    {
        value = default;
        var wanted = occurrence;
        if (occurrence < 0)
        {
            wanted = Count(headers, name) + occurrence + 1;
        }

        if (wanted <= 0)
        {
            return false;
        }

        var seen = 0;
        for (var i = 0; i < headers.HeaderCount; i++)
        {
            if (!NameEquals(headers.GetHeaderName(i), name))
            {
                continue;
            }

            var rest = headers.GetHeaderValue(i);
            while (true)
            {
                var comma = rest.IndexOf(',');
                if (++seen == wanted)
                {
                    value = Trim(comma < 0 ? rest : rest[..comma]);
                    return true;
                }

                if (comma < 0)
                {
                    break;
                }

                rest = rest[(comma + 1)..];
            }
        }

        return false;
    }

    /// <summary>The whole value of the first field line named <paramref name="name"/> (no comma splitting), e.g. Host.</summary>
    public static bool TryGetFirstLine(IHttpHeaders headers, string name, out ReadOnlySpan<char> value)
    {
        for (var i = 0; i < headers.HeaderCount; i++)
        {
            if (NameEquals(headers.GetHeaderName(i), name))
            {
                value = headers.GetHeaderValue(i);
                return true;
            }
        }

        value = default;
        return false;
    }

    public static bool NameEquals(ReadOnlySpan<char> actual, string name) => actual.Equals(name, StringComparison.OrdinalIgnoreCase);

    private static ReadOnlySpan<char> Trim(ReadOnlySpan<char> value) => value.Trim(" \t");
}
