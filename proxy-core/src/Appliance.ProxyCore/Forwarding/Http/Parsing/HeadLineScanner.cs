using System.Buffers;

namespace Appliance.ProxyCore.Forwarding.Http.Parsing;

/// <summary>
/// The incremental part of head parsing, shared by both parsers: finds the next complete line, insists on CRLF,
/// enforces the size limit, and copies the line into the head buffer. It remembers how much of an incomplete line
/// it has already searched, so feeding a head one byte at a time costs linear, not quadratic, time.
/// </summary>
internal struct HeadLineScanner
{
    private long _partialScanned;
    private int _emptyLinesSkipped;

    public void Reset()
    {
        _partialScanned = 0;
        _emptyLinesSkipped = 0;
    }

    /// <summary>
    /// Takes the next line off <paramref name="reader"/>. On success the line (CRLF included) has been appended to
    /// <paramref name="head"/>, <paramref name="line"/> is it without the CRLF, and the reader is past it. On
    /// NeedMoreData the reader is at the start of the incomplete line. Empty lines before the start line are skipped
    /// (up to <paramref name="maxLeadingEmptyLines"/>) when <paramref name="atStartLine"/> is set.
    /// </summary>
    public HttpParseStatus Next(
        ref SequenceReader<byte> reader,
        HttpMessageHead head,
        HttpParserLimits limits,
        bool atStartLine,
        int maxLeadingEmptyLines,
        out Span<byte> line,
        out int lineOffset,
        out RejectReason reason)
    {
        line = default;
        lineOffset = 0;
        reason = RejectReason.None;
        Span<byte> shortLine = stackalloc byte[2];
        while (true)
        {
            var start = reader.Position;
            var startConsumed = reader.Consumed;
            if (_partialScanned > 0)
            {
                if (reader.Remaining < _partialScanned)
                {
                    ThrowBufferShrank();
                }

                reader.Advance(_partialScanned);
            }

            if (!reader.TryAdvanceTo(HttpChars.LF, advancePastDelimiter: true))
            {
                var partial = reader.Sequence.Length - startConsumed;
                reader.Rewind(reader.Consumed - startConsumed);
                _partialScanned = partial;
                if (head.Length + partial > limits.MaxHeaderSectionSize)
                {
                    reason = RejectReason.HeaderSectionTooLarge;
                    return HttpParseStatus.Error;
                }

                return HttpParseStatus.NeedMoreData;
            }

            _partialScanned = 0;
            var lineWithLf = reader.Sequence.Slice(start, reader.Position);
            var length = lineWithLf.Length;

            if (atStartLine && length <= 2 && head.Length == 0)
            {
                // RFC 9112 §2.2: empty lines before the start line are skipped, but only a few and only as CRLF.
                lineWithLf.CopyTo(shortLine);
                if (length == 1 || shortLine[0] != HttpChars.CR)
                {
                    reason = RejectReason.BareLineFeed;
                    return HttpParseStatus.Error;
                }

                if (++_emptyLinesSkipped > maxLeadingEmptyLines)
                {
                    reason = RejectReason.TooManyEmptyLines;
                    return HttpParseStatus.Error;
                }

                continue;
            }

            if (head.Length + length > limits.MaxHeaderSectionSize)
            {
                reason = RejectReason.HeaderSectionTooLarge;
                return HttpParseStatus.Error;
            }

            var copied = head.Append(lineWithLf, out lineOffset);
            if (copied.Length < 2 || copied[^2] != HttpChars.CR)
            {
                reason = RejectReason.BareLineFeed;
                return HttpParseStatus.Error;
            }

            line = copied[..^2];
            return HttpParseStatus.Complete;
        }
    }

    private static void ThrowBufferShrank() =>
        throw new InvalidOperationException("The buffer passed to the parser must start at the previous Consumed position and hold at least the bytes examined before.");
}
