using System.Buffers;

namespace Appliance.ProxyCore.Forwarding.Http.Parsing;

/// <summary>The character classes of RFC 9110/9112 as vectorised sets, plus the few byte helpers the parsers share.</summary>
internal static class HttpChars
{
    public const byte CR = (byte)'\r';
    public const byte LF = (byte)'\n';
    public const byte SP = (byte)' ';
    public const byte HTAB = (byte)'\t';

    /// <summary>tchar (RFC 9110 §5.6.2): the characters of methods, field names, codings and connection options.</summary>
    public static readonly SearchValues<byte> Token =
        SearchValues.Create("!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"u8);

    /// <summary>
    /// Bytes allowed inside a field value (RFC 9110 §5.5): field-vchar, SP, HTAB and obs-text (0x80-0xFF, which real
    /// clients send in file names and cookies). Excluded: NUL, CR, LF, DEL and every other CTL.
    /// </summary>
    public static readonly SearchValues<byte> FieldValue = SearchValues.Create(FieldValueBytes());

    /// <summary>
    /// Bytes allowed in a request-target: visible ASCII 0x21-0x7E except '#' (a fragment is never sent, RFC 9112 §3.2).
    /// This is wider than RFC 3986 on purpose: browsers send '|', '{', '}', '^' and friends unescaped and HAProxy
    /// forwards them. What matters for framing and smuggling is excluded: CTL, SP, DEL and anything non-ASCII.
    /// </summary>
    public static readonly SearchValues<byte> Target = SearchValues.Create(TargetBytes());

    /// <summary>Bytes of a host name (RFC 3986 unreserved and '%' for pct-encoding); sub-delims are refused on purpose.</summary>
    public static readonly SearchValues<byte> RegName =
        SearchValues.Create("-._~%0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"u8);

    /// <summary>Bytes inside an IP-literal's brackets (RFC 3986 §3.2.2; IPvFuture is refused).</summary>
    public static readonly SearchValues<byte> IpLiteral = SearchValues.Create(":.0123456789ABCDEFabcdef"u8);

    public static bool IsToken(ReadOnlySpan<byte> value) => !value.IsEmpty && !value.ContainsAnyExcept(Token);

    public static bool IsTokenChar(byte b) => Token.Contains(b);

    public static bool IsOws(byte b) => b == SP || b == HTAB;

    public static bool IsDigit(byte b) => (uint)(b - '0') <= 9;

    /// <summary>Removes OWS (SP / HTAB, RFC 9110 §5.6.3) from both ends.</summary>
    public static ReadOnlySpan<byte> TrimOws(ReadOnlySpan<byte> value)
    {
        var start = 0;
        while (start < value.Length && IsOws(value[start]))
        {
            start++;
        }

        var end = value.Length;
        while (end > start && IsOws(value[end - 1]))
        {
            end--;
        }

        return value[start..end];
    }

    /// <summary>The value of a hex digit, or -1.</summary>
    public static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };

    private static byte[] FieldValueBytes()
    {
        var bytes = new List<byte> { HTAB };
        for (var b = 0x20; b <= 0xFF; b++)
        {
            if (b != 0x7F)
            {
                bytes.Add((byte)b);
            }
        }

        return [.. bytes];
    }

    private static byte[] TargetBytes()
    {
        var bytes = new List<byte>();
        for (var b = 0x21; b <= 0x7E; b++)
        {
            if (b != '#')
            {
                bytes.Add((byte)b);
            }
        }

        return [.. bytes];
    }
}
