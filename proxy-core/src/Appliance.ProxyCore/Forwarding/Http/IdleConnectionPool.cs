using System.Net.Sockets;
using Appliance.ProxyCore.Model;

namespace Appliance.ProxyCore.Forwarding.Http;

/// <summary>
/// Idle keep-alive connections to servers, per server, newest first. A connection idle longer than
/// <see cref="PurgeDelay"/> (HAProxy's <c>pool-purge-delay</c>, 5 s) or found closed by the server is discarded on take,
/// so a reused connection is one the server very likely still holds open; the forwarder retries a failed reuse once on
/// a fresh connection for requests without a body.
/// </summary>
public sealed class IdleConnectionPool : IIdleConnectionSource, IDisposable
{
    /// <summary>At most this many idle connections per server (HAProxy's pool-max-conn is unlimited; we bound memory).</summary>
    public const int MaxIdlePerServer = 64;

    public static readonly TimeSpan PurgeDelay = TimeSpan.FromSeconds(5);

    private readonly TimeProvider _time;
    private readonly Dictionary<ServerModel, Stack<(Socket Socket, long Since)>> _idle = [];
    private readonly object _gate = new();
    private bool _disposed;

    public IdleConnectionPool(TimeProvider time)
    {
        _time = time;
    }

    /// <summary>Idle connections held now, all servers together.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _idle.Values.Sum(s => s.Count);
            }
        }
    }

    public Socket? TryTake(ServerModel server)
    {
        while (true)
        {
            (Socket Socket, long Since) entry;
            lock (_gate)
            {
                if (!_idle.TryGetValue(server, out var stack) || !stack.TryPop(out entry))
                {
                    return null;
                }
            }

            if (_time.GetElapsedTime(entry.Since) < PurgeDelay && IsOpen(entry.Socket))
            {
                return entry.Socket;
            }

            entry.Socket.Dispose();
        }
    }

    public bool TryAdd(ServerModel server, Socket socket)
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return false;
            }

            if (!_idle.TryGetValue(server, out var stack))
            {
                _idle[server] = stack = new Stack<(Socket, long)>();
            }

            if (stack.Count >= MaxIdlePerServer)
            {
                return false;
            }

            stack.Push((socket, _time.GetTimestamp()));
            return true;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            foreach (var stack in _idle.Values)
            {
                while (stack.TryPop(out var entry))
                {
                    entry.Socket.Dispose();
                }
            }

            _idle.Clear();
        }
    }

    /// <summary>An idle connection is readable only when the server closed it (or sent bytes it should not have).</summary>
    private static bool IsOpen(Socket socket)
    {
        try
        {
            return socket.Connected && !socket.Poll(0, SelectMode.SelectRead);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            return false;
        }
    }
}
