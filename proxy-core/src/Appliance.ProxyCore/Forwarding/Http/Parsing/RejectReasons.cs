namespace Appliance.ProxyCore.Forwarding.Http.Parsing;

/// <summary>
/// The one table of rejection reasons: a stable short code (for logs, metrics and tests; never changes once shipped),
/// a human message, and the status a client gets when its request is refused for that reason. A response from a
/// server that fails any of these checks is answered with <see cref="ResponseStatusCode"/> (502) instead.
/// </summary>
public static class RejectReasons
{
    /// <summary>The status the proxy answers with when a server's response is malformed (RFC 9110 §15.6.3).</summary>
    public const int ResponseStatusCode = 502;

    // Indexed by (int)RejectReason; RejectReasonsTests checks that the table and the enum stay in step.
    private static readonly Entry[] s_table =
    [
        new("none", "not rejected", 0),

        new("bare-lf", "line terminated by a bare LF (only CRLF is accepted)", 400),
        new("bare-cr", "CR not followed by LF", 400),
        new("empty-lines", "too many empty lines before the start line", 400),
        new("head-too-large", "header section larger than the limit", 431),
        new("too-many-headers", "more header fields than the limit", 431),

        new("request-line", "malformed request line (expected 'method SP target SP version')", 400),
        new("method", "invalid method (must be a token)", 400),
        new("target", "invalid byte in request-target (CTL, SP, DEL, '#' or non-ASCII)", 400),
        new("target-form", "malformed request-target, or a form this method may not use", 400),
        new("version-missing", "no HTTP version (HTTP/0.9 is not supported)", 400),
        new("version", "malformed HTTP version", 400),
        new("version-unsupported", "HTTP version not supported (only HTTP/1.0 and HTTP/1.1)", 505),

        new("status-line", "malformed status line", 502),
        new("status-code", "invalid status code (expected 3 digits, 100 to 599)", 502),

        new("obs-fold", "header line starts with whitespace (obs-fold)", 400),
        new("header-name-ws", "whitespace between header name and colon", 400),
        new("header-name", "invalid character in header name", 400),
        new("header-name-empty", "empty header name", 400),
        new("header-colon", "header line without a colon", 400),
        new("header-value-ctl", "control character (NUL, CR, LF, DEL or other CTL) in header value", 400),

        new("host-missing", "HTTP/1.1 request without Host", 400),
        new("host-duplicate", "more than one Host header", 400),
        new("host-invalid", "invalid Host value", 400),
        new("host-mismatch", "Host disagrees with the request-target authority", 400),

        new("cl-invalid", "invalid Content-Length value", 400),
        new("cl-list", "Content-Length is a list", 400),
        new("cl-duplicate", "more than one Content-Length header", 400),
        new("cl-overflow", "Content-Length too large", 400),
        new("te-with-cl", "Transfer-Encoding together with Content-Length", 400),
        new("te-invalid", "malformed Transfer-Encoding value", 400),
        new("te-not-chunked", "Transfer-Encoding does not end with chunked", 400),
        new("te-chunked-twice", "chunked applied more than once", 400),
        new("te-unsupported", "transfer coding other than chunked not supported", 501),
        new("te-http10", "Transfer-Encoding in an HTTP/1.0 message", 400),
        new("connection", "malformed Connection value", 400),
        new("connect-body", "CONNECT request with a body", 400),

        new("chunk-size", "invalid chunk size", 400),
        new("chunk-size-overflow", "chunk size too large", 400),
        new("chunk-ext", "invalid chunk extension", 400),
        new("chunk-ext-too-long", "chunk extension longer than the limit", 400),
        new("chunk-overrun", "chunk data longer than its declared size (no CRLF after the data)", 400),
        new("trailers-too-large", "trailer section larger than the limit", 400),
        new("too-many-trailers", "more trailer fields than the limit", 400),
        new("trailer-forbidden", "framing or routing field in trailers (Content-Length, Transfer-Encoding, Host)", 400),
    ];

    /// <summary>The number of entries in the table (one per <see cref="RejectReason"/> member).</summary>
    public static int Count => s_table.Length;

    /// <summary>The stable short code, e.g. <c>cl-invalid</c>.</summary>
    public static string Code(RejectReason reason) => Get(reason).Code;

    /// <summary>The human message, e.g. <c>invalid Content-Length value</c>.</summary>
    public static string Message(RejectReason reason) => Get(reason).Message;

    /// <summary>The status a request refused for <paramref name="reason"/> gets: 400, 431, 501 or 505 (0 for None).</summary>
    public static int RequestStatusCode(RejectReason reason) => Get(reason).RequestStatus;

    /// <summary>Finds a reason by its short code (for tests and tools that only know the code).</summary>
    public static bool TryParseCode(string code, out RejectReason reason)
    {
        for (var i = 0; i < s_table.Length; i++)
        {
            if (string.Equals(s_table[i].Code, code, StringComparison.Ordinal))
            {
                reason = (RejectReason)i;
                return true;
            }
        }

        reason = RejectReason.None;
        return false;
    }

    private static Entry Get(RejectReason reason)
    {
        var index = (int)reason;
        if ((uint)index >= (uint)s_table.Length)
        {
            ThrowUnknown(reason);
        }

        return s_table[index];
    }

    private static void ThrowUnknown(RejectReason reason) =>
        throw new ArgumentOutOfRangeException(nameof(reason), reason, "unknown reject reason");

    private readonly record struct Entry(string Code, string Message, int RequestStatus);
}
