using System.IO.Pipelines;

namespace Appliance.ProxyCore.Forwarding.Http;

/// <summary>
/// The counting stream and the pipes over one server socket. They live as long as the socket (attached to its
/// <see cref="ServerSocket"/>), so a pooled connection serves request after request without building them again; an
/// idle one holds no buffer (zero-byte reads, nothing left unread when it went back to the pool). While it is idle a
/// zero-byte read waits on its socket (<see cref="WatchIdle"/>): it tells the pool, without a system call at take time,
/// whether the server may have closed the connection or sent bytes nobody asked for, and the next exchange's response read
/// starts from it instead of asking the socket again (issue 9: one system call less per keep-alive request).
/// </summary>
internal sealed class ServerPipes : IDisposable
{
    private static readonly StreamPipeReaderOptions ReaderOptions = new(bufferSize: 16384, minimumReadSize: 4096, leaveOpen: true, useZeroByteReads: true);
    private static readonly StreamPipeWriterOptions WriterOptions = new(minimumBufferSize: 16384, leaveOpen: true);

    private readonly CountingNetworkStream _stream;
    private ValueTask<int> _idleWait;
    private bool _watching;

    private ServerPipes(ServerConnection connection)
    {
        _stream = new CountingNetworkStream(connection.Socket, connection.Server.State.Traffic, connection.Backend.Traffic);
        Input = PipeReader.Create(_stream, ReaderOptions);
        Output = PipeWriter.Create(_stream, WriterOptions);
    }

    public PipeReader Input { get; }

    public PipeWriter Output { get; }

    /// <summary>The counting stream under the pipes, for moving a body without the pipes (<see cref="BodyStreams"/>).</summary>
    public Stream Stream => _stream;

    /// <summary>
    /// While the connection is idle after <see cref="WatchIdle"/>: true when the wait is still running (nothing arrived
    /// since: as reusable as when it was pooled), false when it completed: the server sent or closed, or a readiness
    /// event left over from the last response's bytes ended it with nothing there (the pool asks the socket). Null when
    /// no idle wait was started (ask the socket).
    /// </summary>
    public bool? QuietSinceIdle => _watching ? !_idleWait.IsCompleted : null;

    /// <summary>
    /// Starts waiting, as the connection goes idle with nothing unread behind the last response, for whatever the server
    /// sends next: a zero-byte read, which holds no buffer. The next exchange takes it over (<see cref="TryTakeIdleWait"/>).
    /// </summary>
    public void WatchIdle()
    {
        // Kept, not awaited here: it is consumed exactly once, by the exchange that takes it over (or dropped with the
        // connection, which then ends it by closing the socket).
#pragma warning disable CA2012
        _idleWait = _stream.ReadAsync(Memory<byte>.Empty, CancellationToken.None);
#pragma warning restore CA2012
        _watching = true;
    }

    /// <summary>
    /// Hands over the idle wait, when one is running, to the exchange that took the connection: it awaits it once, then
    /// calls <see cref="DataWaiting"/> and reads <see cref="Input"/> (awaited in the caller's own frame: no extra state
    /// machine per request).
    /// </summary>
    public bool TryTakeIdleWait(out ValueTask<int> wait)
    {
        wait = _idleWait;
        _idleWait = default;
        var taken = _watching;
        _watching = false;
        return taken;
    }

    /// <summary>The idle wait completed: the pipe's own zero-byte read is answered without asking the socket again.</summary>
    public void DataWaiting() => _stream.DataWaiting();

    /// <summary>The pipes of <paramref name="connection"/>'s socket, made on its first use.</summary>
    public static ServerPipes For(ServerConnection connection)
    {
        if (connection.Channel.Attached is ServerPipes pipes)
        {
            return pipes;
        }

        pipes = new ServerPipes(connection);
        connection.Channel.Attached = pipes;
        return pipes;
    }

    public void Dispose()
    {
        Input.Complete();
        Output.Complete();
        _stream.Dispose();
    }
}
