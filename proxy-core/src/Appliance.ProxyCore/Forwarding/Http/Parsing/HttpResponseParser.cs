using System.Buffers;

namespace Appliance.ProxyCore.Forwarding.Http.Parsing;

/// <summary>
/// The strict, incremental HTTP/1.1 response head parser (RFC 9112 §4-§6), with the same line and field rules as
/// <see cref="HttpRequestParser"/>. Every refusal carries status 502: the client gets Bad Gateway, the server
/// connection is closed. One per server connection, reused; allocates nothing per response once warm.
/// </summary>
/// <remarks>
/// Driven exactly like the request parser (<c>Parse</c>, then <c>AdvanceTo(result.Consumed, result.Examined)</c>),
/// with the request's method, which decides framing. After an interim 1xx, forward it and parse again for the final
/// response; after a 101 or a 2xx to CONNECT, the connection is a tunnel.
/// </remarks>
public sealed class HttpResponseParser
{
    private readonly HttpParserLimits _limits;
    private HeadLineScanner _scanner;
    private bool _inMessage;
    private bool _startLineDone;

    /// <param name="limits">Size and count limits; default <see cref="HttpParserLimits.Default"/> (leading empty lines are never skipped in responses).</param>
    public HttpResponseParser(HttpParserLimits? limits = null)
    {
        _limits = limits ?? HttpParserLimits.Default;
    }

    public HttpParserLimits Limits => _limits;

    /// <summary>
    /// Parses as much of a response head as <paramref name="buffer"/> holds into <paramref name="head"/>;
    /// <paramref name="requestMethod"/> is the method of the request this answers (HEAD and CONNECT change framing).
    /// </summary>
    public HttpParseResult Parse(in ReadOnlySequence<byte> buffer, HttpResponseHead head, HttpMethodKind requestMethod)
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
            var status = _scanner.Next(ref reader, head, _limits, !_startLineDone, maxLeadingEmptyLines: 0, out var line, out var offset, out var reason);
            if (status == HttpParseStatus.NeedMoreData)
            {
                return HttpParseResult.NeedMoreData(reader.Position, buffer.End);
            }

            if (status == HttpParseStatus.Complete)
            {
                if (!_startLineDone)
                {
                    reason = ParseStatusLine(line, offset, head);
                    _startLineDone = true;
                }
                else if (line.IsEmpty)
                {
                    reason = ResponseSemantics.Apply(head, requestMethod);
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
                return HttpParseResult.Error(reason, RejectReasons.ResponseStatusCode, reader.Position);
            }
        }
    }

    /// <summary>Abandons any half-parsed head.</summary>
    public void Reset() => _inMessage = false;

    /// <summary>
    /// status-line = HTTP-version SP status-code SP [ reason-phrase ] (RFC 9112 §4): the version must be HTTP/1.0 or
    /// HTTP/1.1, the code three digits from 100 to 599 (RFC 9110 §15), the reason HTAB / SP / VCHAR / obs-text.
    /// <c>HTTP/1.1 200</c> with no SP after the code is tolerated (HAProxy and browsers accept it, and the reason is
    /// ignored anyway); <c>HTTP/1.1 200 </c> with an empty reason is the RFC form.
    /// </summary>
    private static RejectReason ParseStatusLine(ReadOnlySpan<byte> line, int offset, HttpResponseHead head)
    {
        if (line.Length < 12 || line[8] != HttpChars.SP)
        {
            return RejectReason.StatusLineInvalid;
        }

        var versionReason = HttpRequestParser.ParseVersion(line[..8], out var version);
        if (versionReason != RejectReason.None)
        {
            return versionReason == RejectReason.VersionUnsupported ? versionReason : RejectReason.StatusLineInvalid;
        }

        var code = line.Slice(9, 3);
        if (!HttpChars.IsDigit(code[0]) || !HttpChars.IsDigit(code[1]) || !HttpChars.IsDigit(code[2]))
        {
            return RejectReason.StatusCodeInvalid;
        }

        var status = ((code[0] - '0') * 100) + ((code[1] - '0') * 10) + (code[2] - '0');
        if (status is < 100 or > 599)
        {
            return RejectReason.StatusCodeInvalid;
        }

        var reasonStart = 12;
        if (line.Length > 12)
        {
            if (line[12] != HttpChars.SP)
            {
                return RejectReason.StatusCodeInvalid;
            }

            reasonStart = 13;
            if (line[13..].ContainsAnyExcept(HttpChars.FieldValue))
            {
                return RejectReason.StatusLineInvalid;
            }
        }

        head.Version = version;
        head.SetStatusLine(status, offset + reasonStart, line.Length - reasonStart);
        return RejectReason.None;
    }
}
