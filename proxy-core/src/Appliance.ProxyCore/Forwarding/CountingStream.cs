using System.Runtime.CompilerServices;
using Appliance.ProxyCore.Model;

namespace Appliance.ProxyCore.Forwarding;

/// <summary>
/// A client connection's stream seen through its frontend's counters: bytes read add to <c>bin</c>, bytes written to
/// <c>bout</c>. One per connection; reads that complete later use a pooled state machine, so counting allocates
/// nothing per request. Does not own the inner stream.
/// </summary>
internal sealed class CountingStream(Stream inner, TrafficCounters counters) : Stream
{
    private bool _dataWaiting;

    /// <summary>Bytes read from the client on this connection (the access log takes per-request differences).</summary>
    public long BytesRead { get; private set; }

    /// <summary>Bytes written to the client on this connection.</summary>
    public long BytesWritten { get; private set; }

    public override bool CanRead => inner.CanRead;

    public override bool CanSeek => false;

    public override bool CanWrite => inner.CanWrite;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>
    /// Notes that a zero-byte read of the inner stream (the idle connection's wait for its next request) completed: data
    /// or the end of the stream is waiting, so the pipe's own zero-byte read before it rents a buffer completes at once
    /// instead of asking the socket a second time.
    /// </summary>
    public void DataWaiting() => _dataWaiting = true;

    /// <summary>Counts bytes read from the client past this stream (an upgraded connection tunnelled socket to socket).</summary>
    public void CountRead(long count)
    {
        counters.AddBytesIn(count);
        BytesRead += count;
    }

    /// <summary>Counts bytes written to the client past this stream.</summary>
    public void CountWritten(long count)
    {
        counters.AddBytesOut(count);
        BytesWritten += count;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.IsEmpty && _dataWaiting)
        {
            return new ValueTask<int>(0);
        }

        _dataWaiting = false;
        var read = inner.ReadAsync(buffer, cancellationToken);
        if (read.IsCompletedSuccessfully)
        {
            // Result consumes the ValueTask (it may wrap a pooled source): hand the caller a fresh one.
            var count = read.Result;
            CountRead(count);
            return new ValueTask<int>(count);
        }

        return AwaitRead(read);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count)
    {
        _dataWaiting = false;
        var read = inner.Read(buffer, offset, count);
        CountRead(read);
        return read;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        CountWritten(buffer.Length);
        return inner.WriteAsync(buffer, cancellationToken);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count)
    {
        CountWritten(count);
        inner.Write(buffer, offset, count);
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override void Flush() => inner.Flush();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<int> AwaitRead(ValueTask<int> pending)
    {
        var read = await pending.ConfigureAwait(false);
        CountRead(read);
        return read;
    }
}
