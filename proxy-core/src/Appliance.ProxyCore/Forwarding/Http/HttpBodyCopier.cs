using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using Appliance.ProxyCore.Forwarding.Http.Parsing;

namespace Appliance.ProxyCore.Forwarding.Http;

/// <summary>
/// Streams one message body in the framing it arrived in: exactly Content-Length bytes, the chunked coding validated
/// chunk by chunk and forwarded as received, or everything until the sender closes. Nothing is buffered beyond what one
/// read returns; the target's writes apply backpressure.
/// </summary>
/// <remarks>
/// Without <see cref="BodyStreams"/> the body goes pipe to pipe (one copy per segment into the target pipe, a zero-byte
/// read before each read). With them, what the source pipe already holds (read together with the head) is copied
/// into the target pipe and leaves with the head in one send; the rest is read from the source stream into one pooled
/// buffer of up to <see cref="DirectBufferSize"/> bytes and written from it to the target stream, with no zero-byte
/// read: a transfer in progress holds that one buffer, an idle wait (the next request, a response head, a pooled
/// server connection) still holds none.
/// </remarks>
internal static class HttpBodyCopier
{
    /// <summary>
    /// The largest direct read. 64 KiB takes what a loopback or LAN socket usually holds in one <c>recv</c> (a 64 KiB
    /// response leaves the proxy in one or two sends instead of four), and ArrayPool.Shared keeps arrays this size.
    /// </summary>
    public const int DirectBufferSize = 64 * 1024;

    /// <summary>
    /// The most a direct copy moves while every read and write completes at once before it lets the other connections
    /// run: socket completions run on the socket event thread (the Host's <c>SocketCompletions</c>), and a fast sender
    /// and receiver would otherwise keep that thread in one loop for a whole large body. HAProxy bounds a stream's
    /// turn the same way. A 64 KiB response never reaches it.
    /// </summary>
    public const int FairShareBytes = 256 * 1024;

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public static async ValueTask<BodyCopyResult> CopyAsync(
        PipeReader source, PipeWriter target, HttpMessageHead head, ChunkedDecoder decoder, ReadTimer timer, TimeSpan? timeout,
        BodyStreams? direct = null)
    {
        try
        {
            return head.Framing switch
            {
                BodyFraming.None => new BodyCopyResult(BodyCopyStatus.Complete),
                BodyFraming.ContentLength when direct is { } streams =>
                    await CopyDirectAsync(source, target, streams, head.ContentLength, null, timer, timeout).ConfigureAwait(false),
                BodyFraming.ContentLength => await CopyLengthAsync(source, target, head.ContentLength, timer, timeout).ConfigureAwait(false),
                BodyFraming.Chunked when direct is { MayReadPastBody: true } streams =>
                    await CopyDirectAsync(source, target, streams, -1, decoder, timer, timeout).ConfigureAwait(false),
                BodyFraming.Chunked => await CopyChunkedAsync(source, target, decoder, timer, timeout).ConfigureAwait(false),
                _ when direct is { } streams => await CopyDirectAsync(source, target, streams, -1, null, timer, timeout).ConfigureAwait(false),
                _ => await CopyUntilCloseAsync(source, target, timer, timeout).ConfigureAwait(false),
            };
        }
        catch (OperationCanceledException) when (timer.Expired)
        {
            return new BodyCopyResult(BodyCopyStatus.TimedOut);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or SocketException)
        {
            return new BodyCopyResult(BodyCopyStatus.Truncated);
        }
    }

    private static async ValueTask<BodyCopyResult> CopyLengthAsync(PipeReader source, PipeWriter target, long remaining, ReadTimer timer, TimeSpan? timeout)
    {
        while (remaining > 0)
        {
            var read = await source.ReadAsync(timer.Start(timeout)).ConfigureAwait(false);
            remaining = ForwardLength(source, target, read, remaining);
            if (remaining > 0 && read.IsCompleted)
            {
                return new BodyCopyResult(BodyCopyStatus.Truncated);
            }

            if ((await target.FlushAsync().ConfigureAwait(false)).IsCompleted)
            {
                return new BodyCopyResult(BodyCopyStatus.TargetClosed);
            }
        }

        return new BodyCopyResult(BodyCopyStatus.Complete);
    }

    private static async ValueTask<BodyCopyResult> CopyChunkedAsync(
        PipeReader source, PipeWriter target, ChunkedDecoder decoder, ReadTimer timer, TimeSpan? timeout)
    {
        decoder.Reset();
        while (true)
        {
            var read = await source.ReadAsync(timer.Start(timeout)).ConfigureAwait(false);
            var end = ForwardChunked(source, target, decoder, read);
            if (end is { Status: BodyCopyStatus.Malformed } malformed)
            {
                return malformed;
            }

            if ((await target.FlushAsync().ConfigureAwait(false)).IsCompleted)
            {
                return new BodyCopyResult(BodyCopyStatus.TargetClosed);
            }

            if (end is { } done)
            {
                return done;
            }
        }
    }

    private static async ValueTask<BodyCopyResult> CopyUntilCloseAsync(PipeReader source, PipeWriter target, ReadTimer timer, TimeSpan? timeout)
    {
        while (true)
        {
            var read = await source.ReadAsync(timer.Start(timeout)).ConfigureAwait(false);
            Write(target, read.Buffer);
            source.AdvanceTo(read.Buffer.End);
            if ((await target.FlushAsync().ConfigureAwait(false)).IsCompleted)
            {
                return new BodyCopyResult(BodyCopyStatus.TargetClosed);
            }

            if (read.IsCompleted)
            {
                return new BodyCopyResult(BodyCopyStatus.Complete);
            }
        }
    }

    /// <summary>
    /// The direct copy: forwards what the source pipe holds through the target pipe (with whatever the pipe already
    /// holds, a head), then streams the rest. <paramref name="remaining"/> is the Content-Length, or -1 for a chunked
    /// body (<paramref name="decoder"/> given) or one that ends when the sender closes.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private static async ValueTask<BodyCopyResult> CopyDirectAsync(
        PipeReader source, PipeWriter target, BodyStreams streams, long remaining, ChunkedDecoder? decoder, ReadTimer timer, TimeSpan? timeout)
    {
        if (remaining == 0)
        {
            return new BodyCopyResult(BodyCopyStatus.Complete);
        }

        decoder?.Reset();
        BodyCopyResult? end = null;
        if (source.TryRead(out var read))
        {
            if (decoder is not null)
            {
                end = ForwardChunked(source, target, decoder, read);
            }
            else if (remaining >= 0)
            {
                remaining = ForwardLength(source, target, read, remaining);
                end = remaining == 0 ? new BodyCopyResult(BodyCopyStatus.Complete)
                    : read.IsCompleted ? new BodyCopyResult(BodyCopyStatus.Truncated) : null;
            }
            else
            {
                Write(target, read.Buffer);
                source.AdvanceTo(read.Buffer.End);
                end = read.IsCompleted ? new BodyCopyResult(BodyCopyStatus.Complete) : null;
            }
        }

        if (end is { Status: BodyCopyStatus.Malformed } malformed)
        {
            return malformed;
        }

        if (!await FlushAsync(target).ConfigureAwait(false))
        {
            return new BodyCopyResult(BodyCopyStatus.TargetClosed);
        }

        return end ?? await PumpAsync(streams, remaining, decoder, timer, timeout).ConfigureAwait(false);
    }

    /// <summary>Reads the rest of the body from the source stream into one pooled buffer and writes it from there.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private static async ValueTask<BodyCopyResult> PumpAsync(BodyStreams streams, long remaining, ChunkedDecoder? decoder, ReadTimer timer, TimeSpan? timeout)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(remaining < 0 ? DirectBufferSize : (int)Math.Min(remaining, DirectBufferSize));
        try
        {
            var streak = 0L;
            while (true)
            {
                var want = remaining < 0 ? buffer.Length : (int)Math.Min(remaining, buffer.Length);
                var read = streams.Source.ReadAsync(buffer.AsMemory(0, want), timer.Start(timeout));
                var synchronous = read.IsCompleted;
                var count = await read.ConfigureAwait(false);
                if (count == 0)
                {
                    // The sender closed: the end of a body delimited by the close, too early for the others.
                    return new BodyCopyResult(remaining < 0 && decoder is null ? BodyCopyStatus.Complete : BodyCopyStatus.Truncated);
                }

                var step = decoder is null ? LengthStep(ref remaining, count) : ChunkedStep(decoder, buffer, count);
                if (step.End is { Status: BodyCopyStatus.Malformed } malformed)
                {
                    return malformed;
                }

                try
                {
                    if (step.Forward > 0)
                    {
                        var write = streams.Target.WriteAsync(buffer.AsMemory(0, step.Forward));
                        synchronous &= write.IsCompleted;
                        await write.ConfigureAwait(false);
                    }

                    if (step.AppendFinalCrlf)
                    {
                        await streams.Target.WriteAsync(ChunkedDecoder.FinalCrlf).ConfigureAwait(false);
                    }
                }
                catch (Exception ex) when (ex is IOException or ObjectDisposedException or SocketException)
                {
                    // The receiver went away (a failed read, above, is the sender's doing: CopyAsync reports it).
                    return new BodyCopyResult(BodyCopyStatus.TargetClosed);
                }

                if (step.End is { } done)
                {
                    return done;
                }

                streak = synchronous ? streak + count : 0;
                if (streak >= FairShareBytes)
                {
                    // Continue from the thread pool; the next read or write that waits resumes on the event thread.
                    streak = 0;
                    await Task.Yield();
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static PumpStep LengthStep(ref long remaining, int count)
    {
        if (remaining < 0)
        {
            return new PumpStep(count, false, null);
        }

        remaining -= count;
        return new PumpStep(count, false, remaining == 0 ? new BodyCopyResult(BodyCopyStatus.Complete) : null);
    }

    private static PumpStep ChunkedStep(ChunkedDecoder decoder, byte[] buffer, int count)
    {
        var data = new ReadOnlySequence<byte>(buffer, 0, count);
        var result = decoder.Validate(data);
        return result.Status switch
        {
            ChunkedDecodeStatus.Error => new PumpStep(0, false, new BodyCopyResult(BodyCopyStatus.Malformed, result.Reason)),
            ChunkedDecodeStatus.Complete => new PumpStep((int)data.GetOffset(result.ForwardEnd), result.AppendFinalCrlf,
                new BodyCopyResult(BodyCopyStatus.Complete, SourceOverrun: data.GetOffset(result.Consumed) < count)),
            _ => new PumpStep((int)data.GetOffset(result.ForwardEnd), false, null),
        };
    }

    /// <summary>Flushes the target pipe; false when the receiver went away.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private static async ValueTask<bool> FlushAsync(PipeWriter target)
    {
        try
        {
            return !(await target.FlushAsync().ConfigureAwait(false)).IsCompleted;
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or SocketException)
        {
            return false;
        }
    }

    /// <summary>Forwards up to <paramref name="remaining"/> bytes of one read into the target pipe; what is left to forward.</summary>
    private static long ForwardLength(PipeReader source, PipeWriter target, in ReadResult read, long remaining)
    {
        var take = read.Buffer.Slice(0, Math.Min(remaining, read.Buffer.Length));
        Write(target, take);
        source.AdvanceTo(take.End);
        return remaining - take.Length;
    }

    /// <summary>Validates and forwards one read of a chunked body into the target pipe; how the body ended, or null while it goes on.</summary>
    private static BodyCopyResult? ForwardChunked(PipeReader source, PipeWriter target, ChunkedDecoder decoder, in ReadResult read)
    {
        var buffer = read.Buffer;
        var result = decoder.Validate(buffer);
        if (result.Status == ChunkedDecodeStatus.Error)
        {
            source.AdvanceTo(buffer.Start);
            return new BodyCopyResult(BodyCopyStatus.Malformed, result.Reason);
        }

        Write(target, buffer.Slice(0, result.ForwardEnd));
        if (result.AppendFinalCrlf)
        {
            target.Write(ChunkedDecoder.FinalCrlf.Span);
        }

        source.AdvanceTo(result.Consumed, result.Examined);
        return result.Status == ChunkedDecodeStatus.Complete ? new BodyCopyResult(BodyCopyStatus.Complete)
            : read.IsCompleted ? new BodyCopyResult(BodyCopyStatus.Truncated)
            : null;
    }

    private static void Write(PipeWriter target, in ReadOnlySequence<byte> data)
    {
        foreach (var segment in data)
        {
            target.Write(segment.Span);
        }
    }

    /// <summary>What one direct read yields: how many of its bytes to forward, whether to end with the final CRLF, and how the body ended.</summary>
    private readonly record struct PumpStep(int Forward, bool AppendFinalCrlf, BodyCopyResult? End);
}
