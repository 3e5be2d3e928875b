using System.Text;

namespace Appliance.ProxyCore.Forwarding.Http.Parsing;

/// <summary>
/// Reads the fields that decide framing and connection handling (Content-Length, Transfer-Encoding, Connection),
/// the same way for requests and responses. The rules are stricter than RFC 9112 where the RFC leaves room for two
/// parsers to disagree, because a proxy that agrees with neither its client nor its server is how smuggling happens.
/// </summary>
internal static class FramingFields
{
    /// <summary>What the framing fields of one head say.</summary>
    public readonly record struct Summary(bool HasTransferEncoding, long ContentLength, ConnectionOptions Connection);

    /// <summary>
    /// Checks, in this order: Transfer-Encoding with Content-Length (RFC 9112 §6.3 item 3 lets a server process it;
    /// we refuse it because it is the classic smuggling shape), more than one Content-Length field line (the RFC
    /// allows identical repeats or lists; we refuse them all: nobody legitimate sends them), the Content-Length value,
    /// Transfer-Encoding in HTTP/1.0 (RFC 9112 §6.1: the framing is faulty), the Transfer-Encoding list, Connection.
    /// </summary>
    public static RejectReason Read(HttpMessageHead head, out Summary summary)
    {
        summary = default;
        var contentLengthIndex = -1;
        var contentLengthCount = 0;
        var hasTransferEncoding = false;
        for (var i = 0; i < head.HeaderCount; i++)
        {
            switch (head.KnownOf(i))
            {
                case KnownHeader.ContentLength:
                    contentLengthCount++;
                    contentLengthIndex = contentLengthIndex < 0 ? i : contentLengthIndex;
                    break;
                case KnownHeader.TransferEncoding:
                    hasTransferEncoding = true;
                    break;
            }
        }

        if (hasTransferEncoding && contentLengthCount > 0)
        {
            return RejectReason.TransferEncodingWithContentLength;
        }

        if (contentLengthCount > 1)
        {
            return RejectReason.ContentLengthDuplicate;
        }

        var contentLength = -1L;
        if (contentLengthIndex >= 0)
        {
            var reason = ParseContentLength(head.ValueOf(contentLengthIndex), out contentLength);
            if (reason != RejectReason.None)
            {
                return reason;
            }
        }

        if (hasTransferEncoding)
        {
            if (head.Version == HttpProtocolVersion.Http10)
            {
                return RejectReason.TransferEncodingHttp10;
            }

            var reason = CheckTransferEncoding(head);
            if (reason != RejectReason.None)
            {
                return reason;
            }
        }

        var connectionReason = ReadConnection(head, out var connection);
        if (connectionReason != RejectReason.None)
        {
            return connectionReason;
        }

        summary = new Summary(hasTransferEncoding, contentLength, connection);
        return RejectReason.None;
    }

    /// <summary>
    /// Content-Length = 1*DIGIT (RFC 9110 §8.6) after OWS trimming: no sign, no hex, not empty, not a list (even
    /// <c>5, 5</c>, which the RFC would let us collapse), no more than fits in a long.
    /// </summary>
    public static RejectReason ParseContentLength(ReadOnlySpan<byte> value, out long length)
    {
        length = -1;
        if (value.IsEmpty)
        {
            return RejectReason.ContentLengthInvalid;
        }

        if (value.Contains((byte)','))
        {
            return RejectReason.ContentLengthList;
        }

        var result = 0L;
        foreach (var b in value)
        {
            if (!HttpChars.IsDigit(b))
            {
                return RejectReason.ContentLengthInvalid;
            }

            var digit = b - '0';
            if (result > (long.MaxValue - digit) / 10)
            {
                return RejectReason.ContentLengthOverflow;
            }

            result = (result * 10) + digit;
        }

        length = result;
        return RejectReason.None;
    }

    /// <summary>
    /// All Transfer-Encoding field lines together form one list (RFC 9110 §5.3). Accepted: exactly one <c>chunked</c>
    /// (any case, OWS around it). Refused with 400: an empty list or empty element, an element that is not a token
    /// (parameters included), a final coding that is not chunked (RFC 9112 §6.3 item 4 says 400 for requests, and
    /// we refuse such responses too rather than read them until close: <c>identity</c>, <c>gzip</c>, <c>xchunked</c>),
    /// and chunked more than once (RFC 9112 §6.1: MUST NOT). Refused with 501: other codings before chunked
    /// (<c>gzip, chunked</c>): valid, but back ends mishandle them and we do not decode them (RFC 9112 §6.1: SHOULD 501).
    /// </summary>
    public static RejectReason CheckTransferEncoding(HttpMessageHead head)
    {
        var chunkedCount = 0;
        var otherCount = 0;
        var lastIsChunked = false;
        var elements = 0;
        for (var i = head.IndexOfHeader(KnownHeader.TransferEncoding); i >= 0; i = head.IndexOfHeader(KnownHeader.TransferEncoding, i + 1))
        {
            var value = head.ValueOf(i);
            if (value.IsEmpty)
            {
                return RejectReason.TransferEncodingInvalid;
            }

            foreach (var coding in new HttpTokenList(value))
            {
                if (!HttpChars.IsToken(coding))
                {
                    return RejectReason.TransferEncodingInvalid;
                }

                elements++;
                lastIsChunked = Ascii.EqualsIgnoreCase(coding, "chunked"u8);
                if (lastIsChunked)
                {
                    chunkedCount++;
                }
                else
                {
                    otherCount++;
                }
            }
        }

        if (elements == 0)
        {
            return RejectReason.TransferEncodingInvalid;
        }

        if (!lastIsChunked)
        {
            return RejectReason.TransferEncodingNotChunked;
        }

        if (chunkedCount > 1)
        {
            return RejectReason.TransferEncodingChunkedRepeated;
        }

        return otherCount > 0 ? RejectReason.TransferEncodingUnsupported : RejectReason.None;
    }

    /// <summary>
    /// Connection = #connection-option (RFC 9110 §7.6.1): every non-empty element must be a token (empty elements are
    /// skipped as RFC 9110 §5.6.1 requires); close, keep-alive and upgrade are recognised in any case.
    /// </summary>
    public static RejectReason ReadConnection(HttpMessageHead head, out ConnectionOptions options)
    {
        options = ConnectionOptions.None;
        for (var i = head.IndexOfHeader(KnownHeader.Connection); i >= 0; i = head.IndexOfHeader(KnownHeader.Connection, i + 1))
        {
            foreach (var option in new HttpTokenList(head.ValueOf(i)))
            {
                if (option.IsEmpty)
                {
                    continue;
                }

                if (!HttpChars.IsToken(option))
                {
                    return RejectReason.ConnectionInvalid;
                }

                if (Ascii.EqualsIgnoreCase(option, "close"u8))
                {
                    options |= ConnectionOptions.Close;
                }
                else if (Ascii.EqualsIgnoreCase(option, "keep-alive"u8))
                {
                    options |= ConnectionOptions.KeepAlive;
                }
                else if (Ascii.EqualsIgnoreCase(option, "upgrade"u8))
                {
                    options |= ConnectionOptions.Upgrade;
                }
            }
        }

        return RejectReason.None;
    }

    /// <summary>RFC 9112 §9.3: HTTP/1.1 persists unless "close"; HTTP/1.0 persists only with "keep-alive" (and no "close").</summary>
    public static bool Persists(HttpProtocolVersion version, ConnectionOptions options) =>
        (options & ConnectionOptions.Close) == 0
        && (version == HttpProtocolVersion.Http11 || (options & ConnectionOptions.KeepAlive) != 0);
}
