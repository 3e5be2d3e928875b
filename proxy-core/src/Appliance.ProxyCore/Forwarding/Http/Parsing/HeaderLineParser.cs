namespace Appliance.ProxyCore.Forwarding.Http.Parsing;

/// <summary>Parses one field line (RFC 9112 §5, RFC 9110 §5), strictly, for both requests and responses.</summary>
internal static class HeaderLineParser
{
    /// <summary>
    /// Parses <paramref name="line"/> (without its CRLF), which lives at <paramref name="lineOffset"/> in the head
    /// buffer, into offsets. Refused: a line starting with SP/HTAB (obs-fold, RFC 9112 §5.2: a server MAY reject it and
    /// we do, because proxies that unfold and servers that do not disagree on the fields), whitespace before the colon
    /// (RFC 9112 §5.1: MUST reject with 400), a name that is empty or not a token, no colon, and any CTL other than
    /// HTAB in the value (NUL, CR, DEL...; RFC 9110 §5.5 allows a recipient to reject them and smuggling relies on them).
    /// </summary>
    public static RejectReason Parse(ReadOnlySpan<byte> line, int lineOffset, out HeaderEntry entry)
    {
        entry = default;
        if (HttpChars.IsOws(line[0]))
        {
            return RejectReason.ObsFold;
        }

        var end = line.IndexOfAnyExcept(HttpChars.Token);
        if (end < 0)
        {
            return RejectReason.HeaderColonMissing;
        }

        var stop = line[end];
        if (stop != (byte)':')
        {
            return HttpChars.IsOws(stop) ? RejectReason.HeaderNameWhitespace : RejectReason.HeaderNameInvalid;
        }

        if (end == 0)
        {
            return RejectReason.HeaderNameEmpty;
        }

        var rawValue = line[(end + 1)..];
        var value = HttpChars.TrimOws(rawValue);
        if (value.ContainsAnyExcept(HttpChars.FieldValue))
        {
            return RejectReason.HeaderValueControlChar;
        }

        var leading = 0;
        while (leading < rawValue.Length && HttpChars.IsOws(rawValue[leading]))
        {
            leading++;
        }

        var name = line[..end];
        entry = new HeaderEntry(lineOffset, end, lineOffset + end + 1 + leading, value.Length, KnownHeaders.Lookup(name));
        return RejectReason.None;
    }
}
