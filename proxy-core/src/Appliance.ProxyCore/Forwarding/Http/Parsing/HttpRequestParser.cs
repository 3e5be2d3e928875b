using System.Buffers;

namespace Appliance.ProxyCore.Forwarding.Http.Parsing;

/// <summary>
/// The strict, incremental HTTP/1.1 request head parser (RFC 9112 §2-§6, RFC 9110). Pure: bytes in, a decision out.
/// One per client connection, reused request after request; allocates nothing per request once warm.
/// </summary>
/// <remarks>
/// Drive it from the pipe like this:
/// <code>
/// while (true)
/// {
///     var read = await input.ReadAsync(ct);
///     var result = parser.Parse(read.Buffer, head);
///     if (result.IsError) { answer result.StatusCode; close; break; }
///     input.AdvanceTo(result.Consumed, result.Examined);
///     if (result.IsComplete) { use head; the body starts at the next read; break; }
///     if (read.IsCompleted) { the client gave up mid-head; close; break; }
/// }
/// </code>
/// Each call must get the buffer starting at the previous Consumed (which is what the pipe hands back). Complete
/// lines are copied into the head and consumed as they arrive, so the pipe never holds more than one partial line
/// of the head, and a malformed line is refused as soon as its LF arrives rather than when the head ends.
/// </remarks>
public sealed class HttpRequestParser
{
    private readonly HttpParserLimits _limits;
    private HeadLineScanner _scanner;
    private bool _inMessage;
    private bool _startLineDone;

    /// <param name="limits">Size and count limits; default <see cref="HttpParserLimits.Default"/>.</param>
    public HttpRequestParser(HttpParserLimits? limits = null)
    {
        _limits = limits ?? HttpParserLimits.Default;
    }

    public HttpParserLimits Limits => _limits;

    /// <summary>
    /// Parses as much of a request head as <paramref name="buffer"/> holds into <paramref name="head"/>. The first call
    /// for a new request clears <paramref name="head"/>; after Complete or Error the next call starts a new request.
    /// </summary>
    public HttpParseResult Parse(in ReadOnlySequence<byte> buffer, HttpRequestHead head)
    {
        ArgumentNullException.ThrowIfNull(head);
        if (!_inMessage)
        {
            head.Reset();
            _scanner.Reset();
            _startLineDone = false;
            _inMessage = true;
        }

        var reader = new SequenceReader<byte>(buffer);
        while (true)
        {
            var status = _scanner.Next(ref reader, head, _limits, !_startLineDone, _limits.MaxLeadingEmptyLines, out var line, out var offset, out var reason);
            if (status == HttpParseStatus.NeedMoreData)
            {
                return HttpParseResult.NeedMoreData(reader.Position, buffer.End);
            }

            if (status == HttpParseStatus.Complete)
            {
                if (!_startLineDone)
                {
                    reason = ParseRequestLine(line, offset, head);
                    _startLineDone = true;
                }
                else if (line.IsEmpty)
                {
                    reason = RequestSemantics.Apply(head);
                    if (reason == RejectReason.None)
                    {
                        _inMessage = false;
                        return HttpParseResult.Complete(reader.Position);
                    }
                }
                else if (head.HeaderCount >= _limits.MaxHeaderCount)
                {
                    reason = RejectReason.HeaderCountExceeded;
                }
                else
                {
                    reason = HeaderLineParser.Parse(line, offset, out var entry);
                    if (reason == RejectReason.None)
                    {
                        head.AddHeader(entry);
                    }
                }
            }

            if (reason != RejectReason.None)
            {
                _inMessage = false;
                return HttpParseResult.Error(reason, RejectReasons.RequestStatusCode(reason), reader.Position);
            }
        }
    }

    /// <summary>Abandons any half-parsed head (e.g. when the connection is reused for something else).</summary>
    public void Reset() => _inMessage = false;

    /// <summary>
    /// request-line = method SP request-target SP HTTP-version (RFC 9112 §3), exactly one SP between the parts (no
    /// HTAB or runs of spaces, which RFC 9112 §3 lets a server accept and we do not). A line with no version is
    /// HTTP/0.9 and refused with 400. A version of the right shape other than 1.0 and 1.1 (<c>HTTP/1.2</c>,
    /// <c>HTTP/2.0</c>) gets 505 (RFC 9110 §15.6.6; Kestrel does the same); a malformed one (<c>http/1.1</c>,
    /// <c>HTTP/1.10</c>) gets 400.
    /// </summary>
    private static RejectReason ParseRequestLine(ReadOnlySpan<byte> line, int offset, HttpRequestHead head)
    {
        var firstSpace = line.IndexOf(HttpChars.SP);
        if (firstSpace < 0)
        {
            return line.IsEmpty || HttpChars.IsToken(line) ? RejectReason.RequestLineInvalid : RejectReason.MethodInvalid;
        }

        var method = line[..firstSpace];
        if (!HttpChars.IsToken(method))
        {
            return RejectReason.MethodInvalid;
        }

        var lastSpace = line.LastIndexOf(HttpChars.SP);
        if (lastSpace == firstSpace)
        {
            return firstSpace == line.Length - 1 ? RejectReason.RequestLineInvalid : RejectReason.VersionMissing;
        }

        var target = line[(firstSpace + 1)..lastSpace];
        if (target.IsEmpty || target[0] == HttpChars.SP)
        {
            return RejectReason.RequestLineInvalid;
        }

        var versionReason = ParseVersion(line[(lastSpace + 1)..], out var version);
        if (versionReason != RejectReason.None)
        {
            return versionReason;
        }

        var kind = MethodKindOf(method);
        var targetReason = RequestTarget.TryParse(target, kind, out var parsedTarget);
        if (targetReason != RejectReason.None)
        {
            return targetReason;
        }

        head.Version = version;
        head.SetRequestLine(method.Length, kind, offset + firstSpace + 1, target.Length, parsedTarget);
        return RejectReason.None;
    }

    /// <summary>HTTP-version = "HTTP/" DIGIT "." DIGIT, case-sensitive (RFC 9112 §2.3).</summary>
    internal static RejectReason ParseVersion(ReadOnlySpan<byte> text, out HttpProtocolVersion version)
    {
        version = default;
        if (text.Length != 8 || !text.StartsWith("HTTP/"u8) || !HttpChars.IsDigit(text[5]) || text[6] != (byte)'.' || !HttpChars.IsDigit(text[7]))
        {
            return RejectReason.VersionInvalid;
        }

        if (text[5] != (byte)'1' || (text[7] != (byte)'0' && text[7] != (byte)'1'))
        {
            return RejectReason.VersionUnsupported;
        }

        version = text[7] == (byte)'1' ? HttpProtocolVersion.Http11 : HttpProtocolVersion.Http10;
        return RejectReason.None;
    }

    /// <summary>Recognises the methods of RFC 9110 §9 and PATCH (RFC 5789), case-sensitively.</summary>
    internal static HttpMethodKind MethodKindOf(ReadOnlySpan<byte> method) => method.Length switch
    {
        3 when method.SequenceEqual("GET"u8) => HttpMethodKind.Get,
        3 when method.SequenceEqual("PUT"u8) => HttpMethodKind.Put,
        4 when method.SequenceEqual("HEAD"u8) => HttpMethodKind.Head,
        4 when method.SequenceEqual("POST"u8) => HttpMethodKind.Post,
        5 when method.SequenceEqual("TRACE"u8) => HttpMethodKind.Trace,
        5 when method.SequenceEqual("PATCH"u8) => HttpMethodKind.Patch,
        6 when method.SequenceEqual("DELETE"u8) => HttpMethodKind.Delete,
        7 when method.SequenceEqual("CONNECT"u8) => HttpMethodKind.Connect,
        7 when method.SequenceEqual("OPTIONS"u8) => HttpMethodKind.Options,
        _ => HttpMethodKind.Other,
    };
}
