using System.Net.Sockets;
using System.Runtime.CompilerServices;
using Appliance.ProxyCore.Model;

namespace Appliance.ProxyCore.Forwarding;

/// <summary>
/// A server connection's stream that counts for the server and its backend: bytes written to the server add to their
/// <c>bin</c> (request direction), bytes read from it to their <c>bout</c> (response direction), as HAProxy counts a
/// backend's bytes. A <see cref="NetworkStream"/> itself, so it costs no extra object per request; reads that complete
/// later use a pooled state machine.
/// </summary>
internal sealed class CountingNetworkStream(Socket socket, TrafficCounters server, TrafficCounters backend) : NetworkStream(socket, ownsSocket: false)
{
    private bool _dataWaiting;

    /// <summary>
    /// Notes that a zero-byte read (the idle connection's wait, <see cref="Http.ServerPipes.WatchIdle"/>) completed: data
    /// or the end of the stream is waiting, so the pipe's own zero-byte read before it rents a buffer completes at once
    /// instead of asking the socket a second time.
    /// </summary>
    public void DataWaiting() => _dataWaiting = true;

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.IsEmpty && _dataWaiting)
        {
            return new ValueTask<int>(0);
        }

        _dataWaiting = false;
        var read = base.ReadAsync(buffer, cancellationToken);
        if (read.IsCompletedSuccessfully)
        {
            // Result consumes the ValueTask (it may wrap a pooled source): hand the caller a fresh one.
            var count = read.Result;
            Count(count);
            return new ValueTask<int>(count);
        }

        return AwaitRead(read);
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        server.AddBytesIn(buffer.Length);
        backend.AddBytesIn(buffer.Length);
        return base.WriteAsync(buffer, cancellationToken);
    }

    private void Count(int read)
    {
        server.AddBytesOut(read);
        backend.AddBytesOut(read);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<int> AwaitRead(ValueTask<int> pending)
    {
        var read = await pending.ConfigureAwait(false);
        Count(read);
        return read;
    }
}
