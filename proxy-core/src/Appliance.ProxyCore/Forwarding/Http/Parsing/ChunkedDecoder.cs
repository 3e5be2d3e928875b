using System.Buffers;

namespace Appliance.ProxyCore.Forwarding.Http.Parsing;

/// <summary>
/// A strict, incremental decoder of the chunked transfer coding (RFC 9112 §7.1). A byte-at-a-time state machine for
/// the framing and bulk skipping for the data, so it keeps its place across any split of the input and never rescans
/// or copies. One per message direction; <see cref="Reset"/> between messages.
/// </summary>
/// <remarks>
/// <para>Two ways to drive it, one per call pattern (do not mix them within a message):</para>
/// <para><b>Validate</b> (the proxy's passthrough: the body is forwarded byte for byte once validated, no re-encoding):</para>
/// <code>
/// var r = decoder.Validate(buffer);
/// if (r.Status == ChunkedDecodeStatus.Error) { abort; }
/// await output.WriteAsync(buffer.Slice(buffer.Start, r.ForwardEnd));
/// if (r.AppendFinalCrlf) { await output.WriteAsync(ChunkedDecoder.FinalCrlf); }
/// input.AdvanceTo(r.Consumed, r.Examined);   // Complete: the next message starts at Consumed
/// </code>
/// <para><b>Read</b> (decode: only the payload comes out, as slices of the input):</para>
/// <code>
/// while (true)
/// {
///     var r = decoder.Read(buffer, out var data);
///     if (r.Status == ChunkedDecodeStatus.Data) { use data; buffer = buffer.Slice(r.Consumed); continue; }
///     if (r.Status == ChunkedDecodeStatus.Error) { abort; }
///     input.AdvanceTo(r.Consumed, r.Examined);   // NeedMoreData or Complete
///     break;
/// }
/// </code>
/// <para>
/// Refused: a chunk size that is not 1*HEXDIG (<c>0x5</c>, <c>-1</c>, empty) or has more than 16 digits or does not fit
/// in a long; whitespace after the size unless an extension follows (<c>5 \r\n</c>; BWS before ';' is the RFC's);
/// extensions that are not <c>;name[=token|quoted-string]</c>, contain a CTL or non-ASCII byte, or are longer than
/// the limit; a bare LF or a CR without LF anywhere; data not followed by CRLF (more data than declared); trailer
/// lines that break the head's field rules, exceed the limits, or carry Content-Length, Transfer-Encoding or Host
/// (RFC 9110 §6.5.1: framing and routing fields do not belong in trailers, and a back end that merges them would be
/// fooled).
/// </para>
/// </remarks>
public sealed class ChunkedDecoder
{
    /// <summary>The final CRLF to write after the forwarded bytes when trailers are dropped.</summary>
    public static ReadOnlyMemory<byte> FinalCrlf { get; } = "\r\n"u8.ToArray();

    // "transfer-encoding" is the longest name we must recognise in trailers.
    private const int MaxForbiddenNameLength = 17;

    private readonly ChunkedDecoderOptions _options;
    private readonly byte[] _trailerName = new byte[MaxForbiddenNameLength];
    private ChunkedState _state;
    private long _size;
    private int _sizeDigits;
    private int _extensionLength;
    private long _remaining;
    private int _trailerBytes;
    private int _trailerCount;
    private int _trailerNameLength;

    /// <param name="options">Limits and trailer handling; default <see cref="ChunkedDecoderOptions.Default"/>.</param>
    public ChunkedDecoder(ChunkedDecoderOptions? options = null)
    {
        _options = options ?? ChunkedDecoderOptions.Default;
    }

    public ChunkedDecoderOptions Options => _options;

    /// <summary>True once the whole chunked body (last chunk, trailers, final CRLF) has been seen.</summary>
    public bool IsComplete => _state == ChunkedState.Done;

    /// <summary>The number of payload (chunk data) bytes seen so far in this message.</summary>
    public long PayloadLength { get; private set; }

    /// <summary>Readies the decoder for the next message.</summary>
    public void Reset()
    {
        _state = ChunkedState.Size;
        _size = 0;
        _sizeDigits = 0;
        _extensionLength = 0;
        _remaining = 0;
        _trailerBytes = 0;
        _trailerCount = 0;
        _trailerNameLength = 0;
        PayloadLength = 0;
    }

    /// <summary>Validates as much of the body as <paramref name="buffer"/> holds, for forwarding it unchanged.</summary>
    public ChunkedDecodeResult Validate(in ReadOnlySequence<byte> buffer) => Run(buffer, stopAtData: false, out _);

    /// <summary>Decodes up to the next run of chunk data, which comes back in <paramref name="data"/> (a slice of the input).</summary>
    public ChunkedDecodeResult Read(in ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> data) => Run(buffer, stopAtData: true, out data);

    private ChunkedDecodeResult Run(in ReadOnlySequence<byte> buffer, bool stopAtData, out ReadOnlySequence<byte> data)
    {
        data = default;
        if (_state == ChunkedState.Done)
        {
            ThrowCompleted();
        }

        var dropTrailers = _options.Trailers == TrailerHandling.Drop;
        // -1: forward everything consumed; otherwise the offset where forwarding stops (the trailers start).
        var forwardEnd = dropTrailers && _state >= ChunkedState.TrailerLineStart ? 0L : -1L;
        var reader = new SequenceReader<byte>(buffer);
        while (!reader.End)
        {
            if (_state == ChunkedState.Data)
            {
                var length = Math.Min(_remaining, reader.Remaining);
                if (stopAtData)
                {
                    data = buffer.Slice(reader.Position, length);
                }

                reader.Advance(length);
                _remaining -= length;
                PayloadLength += length;
                if (_remaining == 0)
                {
                    _state = ChunkedState.DataCr;
                }

                if (stopAtData)
                {
                    return Result(ChunkedDecodeStatus.Data, buffer, reader.Position, reader.Position, -1, RejectReason.None);
                }

                continue;
            }

            var span = reader.UnreadSpan;
            var i = 0;
            var reason = RejectReason.None;
            while (i < span.Length)
            {
                var before = _state;
                reason = Step(span[i++]);
                if (reason != RejectReason.None || _state is ChunkedState.Data or ChunkedState.Done)
                {
                    break;
                }

                if (dropTrailers && before == ChunkedState.LineLf && _state == ChunkedState.TrailerLineStart)
                {
                    forwardEnd = reader.Consumed + i;
                }
            }

            reader.Advance(i);
            if (reason != RejectReason.None)
            {
                return Result(ChunkedDecodeStatus.Error, buffer, reader.Position, reader.Position, -1, reason);
            }

            if (_state == ChunkedState.Done)
            {
                return Result(ChunkedDecodeStatus.Complete, buffer, reader.Position, reader.Position, forwardEnd, RejectReason.None);
            }
        }

        return Result(ChunkedDecodeStatus.NeedMoreData, buffer, reader.Position, buffer.End, forwardEnd, RejectReason.None);
    }

    private ChunkedDecodeResult Result(ChunkedDecodeStatus status, in ReadOnlySequence<byte> buffer, SequencePosition consumed, SequencePosition examined, long forwardEnd, RejectReason reason)
    {
        var forward = forwardEnd < 0 ? consumed : buffer.GetPosition(forwardEnd);
        var appendCrlf = status == ChunkedDecodeStatus.Complete && _options.Trailers == TrailerHandling.Drop;
        return new ChunkedDecodeResult(status, consumed, examined, forward, appendCrlf, reason);
    }

    /// <summary>Advances the framing state machine by one byte; returns why the byte is refused, or None.</summary>
    private RejectReason Step(byte b)
    {
        if (b == HttpChars.LF && _state is not (ChunkedState.LineLf or ChunkedState.DataLf or ChunkedState.TrailerLf or ChunkedState.FinalLf))
        {
            return RejectReason.BareLineFeed;
        }

        if (_state is >= ChunkedState.SizeBws and <= ChunkedState.ExtValueBws && b != HttpChars.CR && ++_extensionLength > _options.MaxChunkExtensionLength)
        {
            return RejectReason.ChunkExtensionTooLong;
        }

        if (_state >= ChunkedState.TrailerLineStart && ++_trailerBytes > _options.MaxTrailerSectionSize)
        {
            return RejectReason.TrailerSectionTooLarge;
        }

        switch (_state)
        {
            case ChunkedState.Size:
                return StepSize(b);
            case ChunkedState.LineLf:
                if (b != HttpChars.LF)
                {
                    return RejectReason.BareCarriageReturn;
                }

                _remaining = _size;
                _state = _size == 0 ? ChunkedState.TrailerLineStart : ChunkedState.Data;
                return RejectReason.None;
            case ChunkedState.DataCr:
                if (b != HttpChars.CR)
                {
                    return RejectReason.ChunkDataOverrun;
                }

                _state = ChunkedState.DataLf;
                return RejectReason.None;
            case ChunkedState.DataLf:
                if (b != HttpChars.LF)
                {
                    return RejectReason.BareCarriageReturn;
                }

                _state = ChunkedState.Size;
                _size = 0;
                _sizeDigits = 0;
                _extensionLength = 0;
                return RejectReason.None;
            case >= ChunkedState.TrailerLineStart:
                return StepTrailer(b);
            default:
                return StepExtension(b);
        }
    }

    private RejectReason StepSize(byte b)
    {
        var digit = HttpChars.HexValue(b);
        if (digit >= 0)
        {
            // 16 hex digits hold 64 bits; the last one must also leave the value within a long.
            if (++_sizeDigits > 16 || _size > (long.MaxValue >> 4))
            {
                return RejectReason.ChunkSizeOverflow;
            }

            _size = (_size << 4) | (uint)digit;
            return RejectReason.None;
        }

        if (_sizeDigits == 0)
        {
            return RejectReason.ChunkSizeInvalid;
        }

        switch (b)
        {
            case HttpChars.CR:
                _state = ChunkedState.LineLf;
                return RejectReason.None;
            case (byte)';':
                _extensionLength = 1;
                _state = ChunkedState.ExtStart;
                return RejectReason.None;
            case HttpChars.SP or HttpChars.HTAB:
                _extensionLength = 1;
                _state = ChunkedState.SizeBws;
                return RejectReason.None;
            default:
                return RejectReason.ChunkSizeInvalid;
        }
    }

    private RejectReason StepExtension(byte b)
    {
        var next = ChunkExtensionGrammar.Next(_state, b);
        if (next == ChunkedState.Done)
        {
            // Whitespace after the size that leads nowhere (e.g. "5 \r\n") is a bad size line, not a bad extension.
            return _state == ChunkedState.SizeBws ? RejectReason.ChunkSizeInvalid : RejectReason.ChunkExtensionInvalid;
        }

        _state = next;
        return RejectReason.None;
    }

    /// <summary>trailer-section = *( field-line CRLF ), then the final CRLF (RFC 9112 §7.1.2), with the head's field rules.</summary>
    private RejectReason StepTrailer(byte b)
    {
        switch (_state)
        {
            case ChunkedState.TrailerLineStart:
                if (b == HttpChars.CR)
                {
                    _state = ChunkedState.FinalLf;
                    return RejectReason.None;
                }

                if (HttpChars.IsOws(b))
                {
                    return RejectReason.ObsFold;
                }

                if (b == (byte)':')
                {
                    return RejectReason.HeaderNameEmpty;
                }

                if (!HttpChars.IsTokenChar(b))
                {
                    return RejectReason.HeaderNameInvalid;
                }

                if (++_trailerCount > _options.MaxTrailerCount)
                {
                    return RejectReason.TrailerCountExceeded;
                }

                _trailerName[0] = b;
                _trailerNameLength = 1;
                _state = ChunkedState.TrailerName;
                return RejectReason.None;
            case ChunkedState.TrailerName:
                if (HttpChars.IsTokenChar(b))
                {
                    if (_trailerNameLength < _trailerName.Length)
                    {
                        _trailerName[_trailerNameLength] = b;
                    }

                    _trailerNameLength++;
                    return RejectReason.None;
                }

                if (b == (byte)':')
                {
                    _state = ChunkedState.TrailerValue;
                    return IsForbiddenTrailer() ? RejectReason.TrailerFieldForbidden : RejectReason.None;
                }

                return HttpChars.IsOws(b) ? RejectReason.HeaderNameWhitespace
                    : b == HttpChars.CR ? RejectReason.HeaderColonMissing
                    : RejectReason.HeaderNameInvalid;
            case ChunkedState.TrailerValue:
                if (b == HttpChars.CR)
                {
                    _state = ChunkedState.TrailerLf;
                    return RejectReason.None;
                }

                return HttpChars.FieldValue.Contains(b) ? RejectReason.None : RejectReason.HeaderValueControlChar;
            case ChunkedState.TrailerLf:
                if (b != HttpChars.LF)
                {
                    return RejectReason.BareCarriageReturn;
                }

                _state = ChunkedState.TrailerLineStart;
                return RejectReason.None;
            default:
                // FinalLf
                if (b != HttpChars.LF)
                {
                    return RejectReason.BareCarriageReturn;
                }

                _state = ChunkedState.Done;
                return RejectReason.None;
        }
    }

    private bool IsForbiddenTrailer()
    {
        if (_trailerNameLength > _trailerName.Length)
        {
            return false;
        }

        return KnownHeaders.Lookup(_trailerName.AsSpan(0, _trailerNameLength)) is KnownHeader.ContentLength or KnownHeader.TransferEncoding or KnownHeader.Host;
    }

    private static void ThrowCompleted() =>
        throw new InvalidOperationException("The chunked body is already complete; call Reset before decoding the next one.");
}
