using System.Runtime.CompilerServices;
using Appliance.ProxyCore.Model;

namespace Appliance.ProxyCore.Forwarding;

/// <summary>
/// A client connection's stream seen through its frontend's counters: bytes read add to <c>bin</c>, bytes written to
/// <c>bout</c>. Bound to one connection at a time (<see cref="Bind"/>): it lives with a pooled pair of pipes that an
/// idle connection gives back; reads that complete later use a pooled state machine, so counting allocates nothing per
/// request. Does not own the inner stream.
/// </summary>
internal sealed class CountingStream : Stream
{
    private Stream _inner = Null;
    private TrafficCounters _counters = null!;
    private bool _dataWaiting;

    /// <summary>An unbound stream (see <see cref="Bind"/>).</summary>
    public CountingStream()
    {
    }

    /// <summary>A stream bound to <paramref name="inner"/> and <paramref name="counters"/>.</summary>
    public CountingStream(Stream inner, TrafficCounters counters) => Bind(inner, counters);

    /// <summary>True once a read with room for data returned nothing: the client's end of the stream was seen.</summary>
    public bool SawEnd { get; private set; }

    /// <summary>Bytes read from the client on this connection (the access log takes per-request differences).</summary>
    public long BytesRead { get; private set; }

    /// <summary>Bytes written to the client on this connection.</summary>
    public long BytesWritten { get; private set; }

    /// <summary>Points the stream at a connection's stream and counters, with fresh byte counts.</summary>
    public void Bind(Stream inner, TrafficCounters counters)
    {
        _inner = inner;
        _counters = counters;
        _dataWaiting = false;
        SawEnd = false;
        BytesRead = 0;
        BytesWritten = 0;
    }

    /// <summary>Lets go of the connection's stream (the pooled pipes above it keep no reference to the connection).</summary>
    public void Unbind()
    {
        _inner = Null;
        _counters = null!;
    }

    public override bool CanRead => _inner.CanRead;

    public override bool CanSeek => false;

    public override bool CanWrite => _inner.CanWrite;

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
        _counters.AddBytesIn(count);
        BytesRead += count;
    }

    /// <summary>Counts bytes written to the client past this stream.</summary>
    public void CountWritten(long count)
    {
        _counters.AddBytesOut(count);
        BytesWritten += count;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.IsEmpty && _dataWaiting)
        {
            return new ValueTask<int>(0);
        }

        _dataWaiting = false;
        var read = _inner.ReadAsync(buffer, cancellationToken);
        if (read.IsCompletedSuccessfully)
        {
            // Result consumes the ValueTask (it may wrap a pooled source): hand the caller a fresh one.
            var count = read.Result;
            Count(count, buffer.Length);
            return new ValueTask<int>(count);
        }

        return AwaitRead(read, buffer.Length);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count)
    {
        _dataWaiting = false;
        var read = _inner.Read(buffer, offset, count);
        Count(read, count);
        return read;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        CountWritten(buffer.Length);
        return _inner.WriteAsync(buffer, cancellationToken);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count)
    {
        CountWritten(count);
        _inner.Write(buffer, offset, count);
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => _inner.FlushAsync(cancellationToken);

    public override void Flush() => _inner.Flush();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<int> AwaitRead(ValueTask<int> pending, int room)
    {
        var read = await pending.ConfigureAwait(false);
        Count(read, room);
        return read;
    }

    private void Count(int read, int room)
    {
        CountRead(read);
        SawEnd |= read == 0 && room > 0;
    }
}
