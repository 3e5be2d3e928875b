using System.Net.Sockets;
using Appliance.ProxyCore.Model;

namespace Appliance.ProxyCore.Forwarding;

/// <summary>A connected server socket holding one of the server's <c>maxconn</c> slots until disposed.</summary>
public sealed class ServerConnection : IDisposable
{
    private readonly BackendModel _backend;
    private int _disposed;

    internal ServerConnection(BackendModel backend, ServerModel server, ServerSocket socket, int attempts, bool reused = false)
    {
        _backend = backend;
        Server = server;
        Channel = socket;
        Attempts = attempts;
        IsReused = reused;
    }

    /// <summary>Time spent waiting for a server slot (HAProxy's Tw).</summary>
    public TimeSpan QueueTime { get; internal set; }

    /// <summary>Time spent connecting, retries included (HAProxy's Tc).</summary>
    public TimeSpan ConnectTime { get; internal set; }

    /// <summary>True when the socket came from the idle pool (a failure before any response byte may be retried).</summary>
    public bool IsReused { get; }

    public ServerModel Server { get; }

    /// <summary>The backend the server belongs to.</summary>
    public BackendModel Backend => _backend;

    public Socket Socket => Channel.Socket;

    /// <summary>The socket with what the protocol layer keeps with it (goes back to the idle pool as a whole).</summary>
    public ServerSocket Channel { get; }

    /// <summary>How many connection attempts it took (1 = first try).</summary>
    public int Attempts { get; }

    /// <summary>Closes the socket and frees the slot.</summary>
    public void Dispose() => Release(null);

    /// <summary>Frees the slot and hands the still-open socket to <paramref name="pool"/> for the next request.</summary>
    public void ReturnTo(IIdleConnectionSource pool) => Release(pool);

    private void Release(IIdleConnectionSource? pool)
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (pool is null || !pool.TryAdd(Server, Channel))
        {
            Channel.Dispose();
        }

        Server.State.ReleaseSlot();
        ServerQueue.SignalOldest(Server.State.Queue, _backend.Queue);
    }
}
