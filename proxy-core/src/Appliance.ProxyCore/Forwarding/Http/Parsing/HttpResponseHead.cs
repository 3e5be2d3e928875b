using System.Text;

namespace Appliance.ProxyCore.Forwarding.Http.Parsing;

/// <summary>
/// A parsed, validated response head. Spans point into the head's own buffer and stay valid until the head is parsed
/// into again. One per server connection.
/// </summary>
public sealed class HttpResponseHead : HttpMessageHead
{
    private int _reasonStart;
    private int _reasonLength;

    /// <summary>The status code, 100 to 599.</summary>
    public int StatusCode { get; internal set; }

    /// <summary>The reason phrase as sent; may be empty (RFC 9112 §4: clients ignore it).</summary>
    public ReadOnlySpan<byte> ReasonPhrase => Slice(_reasonStart, _reasonLength);

    /// <summary>
    /// A 1xx other than 101 (100 Continue, 103 Early Hints...): forward it, then parse the final response that follows
    /// on the same connection (RFC 9110 §15.2).
    /// </summary>
    public bool IsInterim => StatusCode is >= 100 and < 200 and not 101;

    /// <summary>
    /// 101 Switching Protocols: after this head the connection is a tunnel (Framing is Tunnel). The caller must check
    /// that the request asked for an upgrade (RFC 9110 §15.2.2) and answer 502 otherwise.
    /// </summary>
    public bool IsSwitchingProtocols => StatusCode == 101;

    /// <summary>Where <see cref="ReasonPhrase"/> starts in <see cref="HttpMessageHead.RawBytes"/>.</summary>
    internal int ReasonOffset => _reasonStart;

    public string GetReasonPhraseString() => Encoding.Latin1.GetString(ReasonPhrase);

    public override string ToString() => $"HTTP/1.{(int)Version % 10} {StatusCode} {GetReasonPhraseString()}";

    internal void SetStatusLine(int statusCode, int reasonStart, int reasonLength)
    {
        StatusCode = statusCode;
        _reasonStart = reasonStart;
        _reasonLength = reasonLength;
    }

    internal override void Reset()
    {
        base.Reset();
        StatusCode = 0;
        _reasonStart = 0;
        _reasonLength = 0;
    }
}
