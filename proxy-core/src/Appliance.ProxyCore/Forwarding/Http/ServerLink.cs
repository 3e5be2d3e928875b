using System.IO.Pipelines;
using System.Net.Sockets;

namespace Appliance.ProxyCore.Forwarding.Http;

/// <summary>
/// One request's use of a server connection, through the pipes kept with its socket (<see cref="ServerPipes"/>).
/// <see cref="Release"/> either hands the socket, pipes included, back to the idle pool (only when nothing unread is
/// left behind the response) or closes it.
/// </summary>
internal sealed class ServerLink : IDisposable
{
    private readonly ServerPipes _pipes;
    private bool _released;

    public ServerLink(ServerConnection connection)
    {
        Connection = connection;
        _pipes = ServerPipes.For(connection);
    }

    public ServerConnection Connection { get; }

    public PipeReader Input => _pipes.Input;

    public PipeWriter Output => _pipes.Output;

    /// <summary>The wait the connection had while idle, once (<see cref="ServerPipes.TryTakeIdleWait"/>).</summary>
    public bool TryTakeIdleWait(out ValueTask<int> wait) => _pipes.TryTakeIdleWait(out wait);

    /// <summary>After the idle wait: data or the end of the stream is waiting (<see cref="ServerPipes.DataWaiting"/>).</summary>
    public void DataWaiting() => _pipes.DataWaiting();

    /// <summary>The counting stream under <see cref="Input"/> and <see cref="Output"/>.</summary>
    public Stream Stream => _pipes.Stream;

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
        if (pool is not null && !HasUnreadBytes())
        {
            // Before the pool can hand it out: from now on the wait tells the pool whether the server sent or closed.
            _pipes.WatchIdle();
            Connection.ReturnTo(pool);
        }
        else
        {
            // Closes the pipes with the socket (they are attached to it).
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
