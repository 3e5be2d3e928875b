using System.Buffers;
using System.IO.Pipelines;
using Appliance.ProxyCore.Forwarding.Http.Parsing;

namespace Appliance.ProxyCore.Forwarding.Http;

/// <summary>
/// Streams one message body from a pipe to a pipe in the framing it arrived in: exactly Content-Length bytes, the
/// chunked coding validated chunk by chunk and forwarded as received, or everything until the sender closes. Nothing is
/// buffered beyond what one read returns; the writer's flush applies backpressure.
/// </summary>
internal static class HttpBodyCopier
{
    public static async ValueTask<(BodyCopyStatus Status, RejectReason Reason)> CopyAsync(
        PipeReader source, PipeWriter target, HttpMessageHead head, ChunkedDecoder decoder, ReadTimer timer, TimeSpan? timeout)
    {
        try
        {
            return head.Framing switch
            {
                BodyFraming.None => (BodyCopyStatus.Complete, RejectReason.None),
                BodyFraming.ContentLength => (await CopyLengthAsync(source, target, head.ContentLength, timer, timeout).ConfigureAwait(false), RejectReason.None),
                BodyFraming.Chunked => await CopyChunkedAsync(source, target, decoder, timer, timeout).ConfigureAwait(false),
                _ => (await CopyUntilCloseAsync(source, target, timer, timeout).ConfigureAwait(false), RejectReason.None),
            };
        }
        catch (OperationCanceledException) when (timer.Expired)
        {
            return (BodyCopyStatus.TimedOut, RejectReason.None);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or System.Net.Sockets.SocketException)
        {
            return (BodyCopyStatus.Truncated, RejectReason.None);
        }
    }

    private static async ValueTask<BodyCopyStatus> CopyLengthAsync(PipeReader source, PipeWriter target, long remaining, ReadTimer timer, TimeSpan? timeout)
    {
        while (remaining > 0)
        {
            var read = await source.ReadAsync(timer.Start(timeout)).ConfigureAwait(false);
            var buffer = read.Buffer;
            var take = buffer.Slice(0, Math.Min(remaining, buffer.Length));
            Write(target, take);
            remaining -= take.Length;
            source.AdvanceTo(take.End);
            if (remaining > 0 && read.IsCompleted)
            {
                return BodyCopyStatus.Truncated;
            }

            if ((await target.FlushAsync().ConfigureAwait(false)).IsCompleted)
            {
                return BodyCopyStatus.TargetClosed;
            }
        }

        return BodyCopyStatus.Complete;
    }

    private static async ValueTask<(BodyCopyStatus, RejectReason)> CopyChunkedAsync(
        PipeReader source, PipeWriter target, ChunkedDecoder decoder, ReadTimer timer, TimeSpan? timeout)
    {
        decoder.Reset();
        while (true)
        {
            var read = await source.ReadAsync(timer.Start(timeout)).ConfigureAwait(false);
            var buffer = read.Buffer;
            var result = decoder.Validate(buffer);
            if (result.Status == ChunkedDecodeStatus.Error)
            {
                source.AdvanceTo(buffer.Start);
                return (BodyCopyStatus.Malformed, result.Reason);
            }

            Write(target, buffer.Slice(0, result.ForwardEnd));
            if (result.AppendFinalCrlf)
            {
                target.Write(ChunkedDecoder.FinalCrlf.Span);
            }

            source.AdvanceTo(result.Consumed, result.Examined);
            if ((await target.FlushAsync().ConfigureAwait(false)).IsCompleted)
            {
                return (BodyCopyStatus.TargetClosed, RejectReason.None);
            }

            if (result.Status == ChunkedDecodeStatus.Complete)
            {
                return (BodyCopyStatus.Complete, RejectReason.None);
            }

            if (read.IsCompleted)
            {
                return (BodyCopyStatus.Truncated, RejectReason.None);
            }
        }
    }

    private static async ValueTask<BodyCopyStatus> CopyUntilCloseAsync(PipeReader source, PipeWriter target, ReadTimer timer, TimeSpan? timeout)
    {
        while (true)
        {
            var read = await source.ReadAsync(timer.Start(timeout)).ConfigureAwait(false);
            Write(target, read.Buffer);
            source.AdvanceTo(read.Buffer.End);
            if ((await target.FlushAsync().ConfigureAwait(false)).IsCompleted)
            {
                return BodyCopyStatus.TargetClosed;
            }

            if (read.IsCompleted)
            {
                return BodyCopyStatus.Complete;
            }
        }
    }

    private static void Write(PipeWriter target, in ReadOnlySequence<byte> data)
    {
        foreach (var segment in data)
        {
            target.Write(segment.Span);
        }
    }
}
