using System.IO.Pipelines;
using System.Net.Sockets;

namespace Appliance.ProxyCore.Forwarding.Http;

/// <summary>
/// One request's use of a server connection: pipes over the socket. <see cref="Release"/> either hands the socket back to
/// the idle pool (only when nothing unread is left behind the response) or closes it.
/// </summary>
internal sealed class ServerLink : IDisposable
{
    private static readonly StreamPipeReaderOptions ReaderOptions = new(bufferSize: 16384, minimumReadSize: 4096, leaveOpen: true, useZeroByteReads: true);
    private static readonly StreamPipeWriterOptions WriterOptions = new(minimumBufferSize: 4096, leaveOpen: true);

    private readonly NetworkStream _stream;
    private bool _released;

    public ServerLink(ServerConnection connection)
    {
        Connection = connection;
        _stream = new CountingNetworkStream(connection.Socket, connection.Server.State.Traffic, connection.Backend.Traffic);
        Input = PipeReader.Create(_stream, ReaderOptions);
        Output = PipeWriter.Create(_stream, WriterOptions);
    }

    public ServerConnection Connection { get; }

    public PipeReader Input { get; }

    public PipeWriter Output { get; }

    /// <summary>Half-closes towards the server (after a tunnel's client side ended).</summary>
    public ValueTask ShutdownSendAsync()
    {
        try
        {
            Connection.Socket.Shutdown(SocketShutdown.Send);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Releases without reuse (closes the socket).</summary>
    public void Dispose() => Release(null);

    /// <summary>Closes the socket at once; pending reads and writes fail.</summary>
    public void Abort() => Connection.Socket.Close(0);

    /// <summary>Ends this use of the connection, keeping the socket for reuse when <paramref name="pool"/> is given and it is clean.</summary>
    public void Release(IIdleConnectionSource? pool)
    {
        if (_released)
        {
            return;
        }

        _released = true;
        var clean = pool is not null && !HasUnreadBytes();
        Input.Complete();
        Output.Complete();
        _stream.Dispose();
        if (clean)
        {
            Connection.ReturnTo(pool!);
        }
        else
        {
            Connection.Dispose();
        }
    }

    private bool HasUnreadBytes()
    {
        if (!Input.TryRead(out var read))
        {
            return false;
        }

        var unread = !read.Buffer.IsEmpty || read.IsCompleted;
        Input.AdvanceTo(read.Buffer.Start);
        return unread;
    }
}
