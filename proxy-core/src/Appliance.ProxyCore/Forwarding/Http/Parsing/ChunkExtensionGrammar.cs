namespace Appliance.ProxyCore.Forwarding.Http.Parsing;

/// <summary>
/// The chunk-extension grammar as a transition function:
/// chunk-ext = *( BWS ";" BWS ext-name [ BWS "=" BWS ( token / quoted-string ) ] ) (RFC 9112 §7.1.1).
/// BWS only where the grammar puts it (before ';' and around '='), nothing after the last value but CR, no CTL and
/// no obs-text anywhere (the RFC allows obs-text in quoted strings; no real extension needs it).
/// </summary>
internal static class ChunkExtensionGrammar
{
    /// <summary>The state after <paramref name="b"/>, or <see cref="ChunkedState.Done"/> when the byte is refused.</summary>
    public static ChunkedState Next(ChunkedState state, byte b)
    {
        var ows = HttpChars.IsOws(b);
        return state switch
        {
            ChunkedState.SizeBws => ows ? state : b == (byte)';' ? ChunkedState.ExtStart : ChunkedState.Done,
            ChunkedState.ExtStart => ows ? state : HttpChars.IsTokenChar(b) ? ChunkedState.ExtName : ChunkedState.Done,
            ChunkedState.ExtName => HttpChars.IsTokenChar(b) ? state : AfterName(b, ows, allowCr: true),
            ChunkedState.ExtNameBws => AfterName(b, ows, allowCr: false),
            ChunkedState.ExtValueStart => ows ? state
                : b == (byte)'"' ? ChunkedState.ExtQuoted
                : HttpChars.IsTokenChar(b) ? ChunkedState.ExtToken : ChunkedState.Done,
            ChunkedState.ExtToken => HttpChars.IsTokenChar(b) ? state : AfterValue(b, ows),
            ChunkedState.ExtQuoted => b == (byte)'"' ? ChunkedState.ExtQuotedEnd
                : b == (byte)'\\' ? ChunkedState.ExtQuotedEscape
                : IsQdText(b) ? state : ChunkedState.Done,
            ChunkedState.ExtQuotedEscape => b == HttpChars.HTAB || (b >= 0x20 && b <= 0x7E) ? ChunkedState.ExtQuoted : ChunkedState.Done,
            ChunkedState.ExtQuotedEnd => AfterValue(b, ows),
            ChunkedState.ExtValueBws => ows ? state : b == (byte)';' ? ChunkedState.ExtStart : ChunkedState.Done,
            _ => ChunkedState.Done,
        };
    }

    private static ChunkedState AfterName(byte b, bool ows, bool allowCr) => b switch
    {
        (byte)'=' => ChunkedState.ExtValueStart,
        (byte)';' => ChunkedState.ExtStart,
        HttpChars.CR when allowCr => ChunkedState.LineLf,
        _ => ows ? ChunkedState.ExtNameBws : ChunkedState.Done,
    };

    private static ChunkedState AfterValue(byte b, bool ows) => b switch
    {
        (byte)';' => ChunkedState.ExtStart,
        HttpChars.CR => ChunkedState.LineLf,
        _ => ows ? ChunkedState.ExtValueBws : ChunkedState.Done,
    };

    // qdtext = HTAB / SP / %x21 / %x23-5B / %x5D-7E (RFC 9110 §5.6.4).
    private static bool IsQdText(byte b) => b == HttpChars.HTAB || (b >= 0x20 && b <= 0x7E && b != (byte)'"' && b != (byte)'\\');
}
