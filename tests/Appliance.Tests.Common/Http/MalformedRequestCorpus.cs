using System.Text;

namespace Appliance.Tests.Common.Http;

/// <summary>
/// Malformed HTTP/1.1 requests, as raw bytes, with the status and reason a hardened proxy must answer. The unit tests
/// of the parser run every entry; functional tests can send the same bytes to a live proxy (ours, or haproxy for
/// comparison) and check the status. Each entry has exactly one fault; the rest of the request is valid.
/// Strings map to bytes one-to-one (Latin-1), so "\u00e9" is the single byte 0xE9 (never "\x": C# reads up to four hex digits).
/// </summary>
public static class MalformedRequestCorpus
{
    private const string GetHead = "GET / HTTP/1.1\r\nHost: example.com\r\n";
    private const string PostHead = "POST /upload HTTP/1.1\r\nHost: example.com\r\n";
    private const string ChunkedHead = PostHead + "Transfer-Encoding: chunked\r\n\r\n";

    /// <summary>Every entry, in a stable order, names unique.</summary>
    public static IReadOnlyList<MalformedRequest> All { get; } = Build();

    /// <summary>Entry names as xunit MemberData rows.</summary>
    public static IEnumerable<object[]> Names => All.Select(r => new object[] { r.Name });

    /// <summary>The entry called <paramref name="name"/>.</summary>
    public static MalformedRequest Get(string name) =>
        All.FirstOrDefault(r => r.Name == name) ?? throw new ArgumentException($"no corpus entry '{name}'", nameof(name));

    /// <summary>Renders bytes with \r, \n, \t and \xNN escapes.</summary>
    public static string Escape(ReadOnlySpan<byte> raw)
    {
        var text = new StringBuilder(raw.Length);
        foreach (var b in raw)
        {
            text.Append(b switch
            {
                (byte)'\r' => "\\r",
                (byte)'\n' => "\\n",
                (byte)'\t' => "\\t",
                < 0x20 or >= 0x7F => $"\\x{b:x2}",
                _ => ((char)b).ToString(),
            });
        }

        return text.ToString();
    }

    private static List<MalformedRequest> Build()
    {
        var list = new List<MalformedRequest>();
        void Head(string name, string raw, int status, string reason) =>
            list.Add(new MalformedRequest(name, Encoding.Latin1.GetBytes(raw), status, reason, MalformedPart.Head));
        void Body(string name, string chunkedBody, string reason) =>
            list.Add(new MalformedRequest(name, Encoding.Latin1.GetBytes(ChunkedHead + chunkedBody), 400, reason, MalformedPart.Body));

        // Request line (RFC 9112 §3).
        Head("http09-no-version", "GET /\r\n\r\n", 400, "version-missing");
        Head("version-1.2", "GET / HTTP/1.2\r\nHost: example.com\r\n\r\n", 505, "version-unsupported");
        Head("version-2.0", "GET / HTTP/2.0\r\nHost: example.com\r\n\r\n", 505, "version-unsupported");
        Head("version-0.9", "GET / HTTP/0.9\r\nHost: example.com\r\n\r\n", 505, "version-unsupported");
        Head("version-lowercase", "GET / http/1.1\r\nHost: example.com\r\n\r\n", 400, "version");
        Head("version-two-digit-minor", "GET / HTTP/1.10\r\nHost: example.com\r\n\r\n", 400, "version");
        Head("version-no-minor", "GET / HTTP/1\r\nHost: example.com\r\n\r\n", 400, "version");
        Head("version-trailing-space", "GET / HTTP/1.1 \r\nHost: example.com\r\n\r\n", 400, "version");
        Head("method-missing", " / HTTP/1.1\r\nHost: example.com\r\n\r\n", 400, "method");
        Head("method-invalid-char", "GE(T / HTTP/1.1\r\nHost: example.com\r\n\r\n", 400, "method");
        Head("method-htab-separator", "GET\t/ HTTP/1.1\r\nHost: example.com\r\n\r\n", 400, "method");
        Head("request-line-double-space", "GET  / HTTP/1.1\r\nHost: example.com\r\n\r\n", 400, "request-line");
        Head("request-line-method-only", "GET\r\nHost: example.com\r\n\r\n", 400, "request-line");
        Head("target-space", "GET /a b HTTP/1.1\r\nHost: example.com\r\n\r\n", 400, "target");
        Head("target-ctl", "GET /a\u0001b HTTP/1.1\r\nHost: example.com\r\n\r\n", 400, "target");
        Head("target-nul", "GET /a\0b HTTP/1.1\r\nHost: example.com\r\n\r\n", 400, "target");
        Head("target-htab", "GET /a\tb HTTP/1.1\r\nHost: example.com\r\n\r\n", 400, "target");
        Head("target-del", "GET /a\u007f HTTP/1.1\r\nHost: example.com\r\n\r\n", 400, "target");
        Head("target-non-ascii", "GET /caf\u00e9 HTTP/1.1\r\nHost: example.com\r\n\r\n", 400, "target");
        Head("target-fragment", "GET /a#b HTTP/1.1\r\nHost: example.com\r\n\r\n", 400, "target");
        Head("target-asterisk-for-get", "GET * HTTP/1.1\r\nHost: example.com\r\n\r\n", 400, "target-form");
        Head("target-authority-for-get", "GET example.com:80 HTTP/1.1\r\nHost: example.com\r\n\r\n", 400, "target-form");
        Head("target-relative", "GET index.html HTTP/1.1\r\nHost: example.com\r\n\r\n", 400, "target-form");
        Head("target-connect-origin-form", "CONNECT / HTTP/1.1\r\nHost: example.com\r\n\r\n", 400, "target-form");
        Head("target-connect-no-port", "CONNECT example.com HTTP/1.1\r\nHost: example.com\r\n\r\n", 400, "target-form");
        Head("target-absolute-ftp", "GET ftp://example.com/ HTTP/1.1\r\nHost: example.com\r\n\r\n", 400, "target-form");
        Head("target-absolute-userinfo", "GET http://user@example.com/ HTTP/1.1\r\nHost: example.com\r\n\r\n", 400, "target-form");

        // Line endings (RFC 9112 §2.2).
        Head("bare-lf-everywhere", "GET / HTTP/1.1\nHost: example.com\n\n", 400, "bare-lf");
        Head("bare-lf-after-header", "GET / HTTP/1.1\r\nHost: example.com\nX-A: b\r\n\r\n", 400, "bare-lf");
        Head("bare-lf-final-empty-line", "GET / HTTP/1.1\r\nHost: example.com\r\n\n", 400, "bare-lf");
        Head("bare-lf-leading-empty-line", "\nGET / HTTP/1.1\r\nHost: example.com\r\n\r\n", 400, "bare-lf");
        Head("leading-empty-lines-too-many", "\r\n\r\n\r\n\r\n\r\n" + GetHead + "\r\n", 400, "empty-lines");

        // Field lines (RFC 9112 §5).
        Head("header-value-nul", GetHead + "X-A: a\0b\r\n\r\n", 400, "header-value-ctl");
        Head("header-value-cr", GetHead + "X-A: a\rb\r\n\r\n", 400, "header-value-ctl");
        Head("header-value-lf", GetHead + "X-A: a\nb: c\r\n\r\n", 400, "bare-lf");
        Head("header-value-del", GetHead + "X-A: a\u007fb\r\n\r\n", 400, "header-value-ctl");
        Head("header-value-vt", GetHead + "X-A: a\u000bb\r\n\r\n", 400, "header-value-ctl");
        Head("header-value-esc", GetHead + "X-A: \u001b[31m\r\n\r\n", 400, "header-value-ctl");
        Head("header-name-space-before-colon", "GET / HTTP/1.1\r\nHost : example.com\r\n\r\n", 400, "header-name-ws");
        Head("header-name-tab-before-colon", GetHead + "X-A\t: b\r\n\r\n", 400, "header-name-ws");
        Head("header-name-with-space", GetHead + "Foo Bar: x\r\n\r\n", 400, "header-name-ws");
        Head("header-name-paren", GetHead + "Fo(o: x\r\n\r\n", 400, "header-name");
        Head("header-name-non-ascii", GetHead + "F\u00e9o: x\r\n\r\n", 400, "header-name");
        Head("header-name-nul", GetHead + "F\0o: x\r\n\r\n", 400, "header-name");
        Head("header-name-empty", GetHead + ": x\r\n\r\n", 400, "header-name-empty");
        Head("header-no-colon", GetHead + "X-A\r\n\r\n", 400, "header-colon");
        Head("obs-fold", GetHead + "X-A: a\r\n b\r\n\r\n", 400, "obs-fold");
        Head("obs-fold-tab", GetHead + "X-A: a\r\n\tb\r\n\r\n", 400, "obs-fold");
        Head("whitespace-before-first-header", "GET / HTTP/1.1\r\n Host: example.com\r\n\r\n", 400, "obs-fold");

        // Host (RFC 9112 §3.2).
        Head("host-missing-http11", "GET / HTTP/1.1\r\nX-A: b\r\n\r\n", 400, "host-missing");
        Head("host-twice", GetHead + "Host: example.com\r\n\r\n", 400, "host-duplicate");
        Head("host-twice-differing", GetHead + "Host: evil.example\r\n\r\n", 400, "host-duplicate");
        Head("host-empty", "GET / HTTP/1.1\r\nHost:\r\n\r\n", 400, "host-invalid");
        Head("host-space", "GET / HTTP/1.1\r\nHost: exa mple.com\r\n\r\n", 400, "host-invalid");
        Head("host-userinfo", "GET / HTTP/1.1\r\nHost: user@example.com\r\n\r\n", 400, "host-invalid");
        Head("host-port-too-big", "GET / HTTP/1.1\r\nHost: example.com:99999\r\n\r\n", 400, "host-invalid");
        Head("host-port-not-digits", "GET / HTTP/1.1\r\nHost: example.com:8o\r\n\r\n", 400, "host-invalid");
        Head("host-port-empty", "GET / HTTP/1.1\r\nHost: example.com:\r\n\r\n", 400, "host-invalid");
        Head("host-path", "GET / HTTP/1.1\r\nHost: example.com/a\r\n\r\n", 400, "host-invalid");
        Head("host-bad-pct-encoding", "GET / HTTP/1.1\r\nHost: exa%zzmple.com\r\n\r\n", 400, "host-invalid");
        Head("host-ipv6-unclosed", "GET / HTTP/1.1\r\nHost: [::1\r\n\r\n", 400, "host-invalid");
        Head("host-absolute-form-mismatch", "GET http://a.example/ HTTP/1.1\r\nHost: b.example\r\n\r\n", 400, "host-mismatch");
        Head("host-absolute-form-port-mismatch", "GET http://a.example:8080/ HTTP/1.1\r\nHost: a.example\r\n\r\n", 400, "host-mismatch");
        Head("host-connect-mismatch", "CONNECT a.example:443 HTTP/1.1\r\nHost: b.example:443\r\n\r\n", 400, "host-mismatch");

        // Content-Length (RFC 9110 §8.6, RFC 9112 §6.3).
        Head("cl-plus-sign", PostHead + "Content-Length: +5\r\n\r\nhello", 400, "cl-invalid");
        Head("cl-minus-sign", PostHead + "Content-Length: -5\r\n\r\nhello", 400, "cl-invalid");
        Head("cl-hex", PostHead + "Content-Length: 0x5\r\n\r\nhello", 400, "cl-invalid");
        Head("cl-decimal-point", PostHead + "Content-Length: 5.0\r\n\r\nhello", 400, "cl-invalid");
        Head("cl-trailing-junk", PostHead + "Content-Length: 5abc\r\n\r\nhello", 400, "cl-invalid");
        Head("cl-two-numbers", PostHead + "Content-Length: 5 5\r\n\r\nhello", 400, "cl-invalid");
        Head("cl-empty", PostHead + "Content-Length:\r\n\r\nhello", 400, "cl-invalid");
        Head("cl-list-equal", PostHead + "Content-Length: 5, 5\r\n\r\nhello", 400, "cl-list");
        Head("cl-list-differing", PostHead + "Content-Length: 5, 6\r\n\r\nhello", 400, "cl-list");
        Head("cl-duplicate-equal", PostHead + "Content-Length: 5\r\nContent-Length: 5\r\n\r\nhello", 400, "cl-duplicate");
        Head("cl-duplicate-differing", PostHead + "Content-Length: 5\r\nContent-Length: 6\r\n\r\nhello", 400, "cl-duplicate");
        Head("cl-overflow", PostHead + "Content-Length: 99999999999999999999\r\n\r\nhello", 400, "cl-overflow");
        Head("cl-space-before-colon", PostHead + "Content-Length : 5\r\n\r\nhello", 400, "header-name-ws");

        // Transfer-Encoding (RFC 9112 §6.1, §6.3).
        Head("te-and-cl", PostHead + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n", 400, "te-with-cl");
        Head("te-and-cl-reversed", PostHead + "Transfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n5\r\nhello\r\n0\r\n\r\n", 400, "te-with-cl");
        Head("te-chunked-identity", PostHead + "Transfer-Encoding: chunked, identity\r\n\r\n", 400, "te-not-chunked");
        Head("te-identity", PostHead + "Transfer-Encoding: identity\r\n\r\n", 400, "te-not-chunked");
        Head("te-gzip", PostHead + "Transfer-Encoding: gzip\r\n\r\n", 400, "te-not-chunked");
        Head("te-xchunked", PostHead + "Transfer-Encoding: xchunked\r\n\r\n", 400, "te-not-chunked");
        Head("te-chunked-twice", PostHead + "Transfer-Encoding: chunked, chunked\r\n\r\n0\r\n\r\n", 400, "te-chunked-twice");
        Head("te-chunked-two-lines", PostHead + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400, "te-chunked-twice");
        Head("te-gzip-chunked", PostHead + "Transfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n", 501, "te-unsupported");
        Head("te-gzip-then-chunked-lines", PostHead + "Transfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 501, "te-unsupported");
        Head("te-http10", "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400, "te-http10");
        Head("te-empty", PostHead + "Transfer-Encoding:\r\n\r\n", 400, "te-invalid");
        Head("te-trailing-comma", PostHead + "Transfer-Encoding: chunked,\r\n\r\n", 400, "te-invalid");
        Head("te-empty-element", PostHead + "Transfer-Encoding: gzip, , chunked\r\n\r\n", 400, "te-invalid");
        Head("te-quoted", PostHead + "Transfer-Encoding: \"chunked\"\r\n\r\n", 400, "te-invalid");
        Head("te-parameter", PostHead + "Transfer-Encoding: chunked;q=1\r\n\r\n", 400, "te-invalid");
        Head("te-inner-space", PostHead + "Transfer-Encoding: chun ked\r\n\r\n", 400, "te-invalid");
        Head("te-vertical-tab", PostHead + "Transfer-Encoding: \u000bchunked\r\n\r\n", 400, "header-value-ctl");
        Head("te-space-before-colon", PostHead + "Transfer-Encoding : chunked\r\n\r\n", 400, "header-name-ws");
        Head("te-obs-fold", PostHead + "Transfer-Encoding:\r\n chunked\r\n\r\n", 400, "obs-fold");

        // Connection handling and CONNECT.
        Head("connection-invalid-token", GetHead + "Connection: keep alive\r\n\r\n", 400, "connection");
        Head("connect-with-body", "CONNECT a.example:443 HTTP/1.1\r\nHost: a.example:443\r\nContent-Length: 5\r\n\r\nhello", 400, "connect-body");
        Head("connect-chunked", "CONNECT a.example:443 HTTP/1.1\r\nHost: a.example:443\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400, "connect-body");

        // Limits (HAProxy's tune.bufsize - tune.maxrewrite and tune.http.maxhdr).
        Head("head-too-large", GetHead + "X-Big: " + new string('a', 16 * 1024) + "\r\n\r\n", 431, "head-too-large");
        Head("too-many-headers", GetHead + string.Concat(Enumerable.Range(0, 101).Select(i => $"X-H{i}: v\r\n")) + "\r\n", 431, "too-many-headers");

        // Chunked body (RFC 9112 §7.1).
        Body("chunk-size-hex-prefix", "0x5\r\nhello\r\n0\r\n\r\n", "chunk-size");
        Body("chunk-size-negative", "-1\r\nhello\r\n0\r\n\r\n", "chunk-size");
        Body("chunk-size-plus", "+5\r\nhello\r\n0\r\n\r\n", "chunk-size");
        Body("chunk-size-empty", "\r\nhello\r\n0\r\n\r\n", "chunk-size");
        Body("chunk-size-trailing-space", "5 \r\nhello\r\n0\r\n\r\n", "chunk-size");
        Body("chunk-size-space-semicolon", "5 ;\r\nhello\r\n0\r\n\r\n", "chunk-ext");
        Body("chunk-size-17-digits", "00000000000000005\r\nhello\r\n0\r\n\r\n", "chunk-size-overflow");
        Body("chunk-size-overflows-long", "8000000000000000\r\nhello\r\n0\r\n\r\n", "chunk-size-overflow");
        Body("chunk-ext-ctl", "5;a=\u0001\r\nhello\r\n0\r\n\r\n", "chunk-ext");
        Body("chunk-ext-nul-in-quotes", "5;a=\"x\0y\"\r\nhello\r\n0\r\n\r\n", "chunk-ext");
        Body("chunk-ext-no-name", "5;=x\r\nhello\r\n0\r\n\r\n", "chunk-ext");
        Body("chunk-ext-too-long", "5;a=" + new string('x', 5000) + "\r\nhello\r\n0\r\n\r\n", "chunk-ext-too-long");
        Body("chunk-bare-lf-after-size", "5\nhello\r\n0\r\n\r\n", "bare-lf");
        Body("chunk-bare-lf-after-data", "5\r\nhello\n0\r\n\r\n", "bare-lf");
        Body("chunk-cr-without-lf-after-data", "5\r\nhello\rX0\r\n\r\n", "bare-cr");
        Body("chunk-data-overrun", "5\r\nhelloXX\r\n0\r\n\r\n", "chunk-overrun");
        Body("chunk-bare-lf-final", "0\r\n\n", "bare-lf");
        Body("trailer-content-length", "0\r\nContent-Length: 5\r\n\r\n", "trailer-forbidden");
        Body("trailer-transfer-encoding", "0\r\nTransfer-Encoding: chunked\r\n\r\n", "trailer-forbidden");
        Body("trailer-obs-fold", "0\r\nX-T: a\r\n b\r\n\r\n", "obs-fold");
        Body("trailer-value-nul", "0\r\nX-T: a\0b\r\n\r\n", "header-value-ctl");
        Body("trailer-name-space", "0\r\nX-T : a\r\n\r\n", "header-name-ws");
        Body("trailers-too-large", "0\r\nX-T: " + new string('a', 16 * 1024) + "\r\n\r\n", "trailers-too-large");
        Body("too-many-trailers", "0\r\n" + string.Concat(Enumerable.Range(0, 102).Select(i => $"X-T{i}: v\r\n")) + "\r\n", "too-many-trailers");

        return list;
    }
}
