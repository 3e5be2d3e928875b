using System.Net.Sockets;
using Appliance.ProxyCore.Model;

namespace Appliance.ProxyCore.Forwarding.Http;

/// <summary>
/// Idle keep-alive connections to servers, per server, newest first, at most the server's <c>pool-max-conn</c>
/// (unlimited by default, as in HAProxy: a fixed small bound made every request beyond it open and close a server
/// connection under load). A connection idle longer than <see cref="PurgeDelay"/> (HAProxy's <c>pool-purge-delay</c>,
/// 5 s) or found closed by the server is discarded on take, and the oldest ones past it are closed when a connection
/// comes back, so the pool shrinks again after a peak; a reused connection is one the server very likely still holds
/// open, and the forwarder retries a failed reuse once on a fresh connection for requests without a body.
/// </summary>
public sealed class IdleConnectionPool : IIdleConnectionSource, IDisposable
{
    public static readonly TimeSpan PurgeDelay = TimeSpan.FromSeconds(5);

    private readonly TimeProvider _time;
    private readonly Dictionary<ServerModel, List<(ServerSocket Socket, long Since)>> _idle = [];
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

    public ServerSocket? TryTake(ServerModel server)
    {
        while (true)
        {
            (ServerSocket Socket, long Since) entry;
            lock (_gate)
            {
                if (!_idle.TryGetValue(server, out var idle) || idle.Count == 0)
                {
                    return null;
                }

                entry = idle[^1];
                idle.RemoveAt(idle.Count - 1);
            }

            if (_time.GetElapsedTime(entry.Since) < PurgeDelay && IsOpen(entry.Socket))
            {
                return entry.Socket;
            }

            entry.Socket.Dispose();
        }
    }

    public bool TryAdd(ServerModel server, ServerSocket socket)
    {
        var limit = server.Config.PoolMaxConn;
        var now = _time.GetTimestamp();
        List<(ServerSocket Socket, long Since)>? expired = null;
        try
        {
            lock (_gate)
            {
                if (_disposed || limit == 0)
                {
                    return false;
                }

                if (!_idle.TryGetValue(server, out var idle))
                {
                    _idle[server] = idle = [];
                }

                expired = TakeExpired(idle, now);
                if (limit > 0 && idle.Count >= limit)
                {
                    return false;
                }

                idle.Add((socket, now));
                return true;
            }
        }
        finally
        {
            if (expired is not null)
            {
                foreach (var entry in expired)
                {
                    entry.Socket.Dispose();
                }
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            foreach (var entry in _idle.Values.SelectMany(idle => idle))
            {
                entry.Socket.Dispose();
            }

            _idle.Clear();
        }
    }

    /// <summary>
    /// Removes the entries idle longer than <see cref="PurgeDelay"/>. They are the oldest, at the start of the list
    /// (entries are added in time order and taken from the end), so nothing is looked at while the oldest is still fresh.
    /// </summary>
    private List<(ServerSocket Socket, long Since)>? TakeExpired(List<(ServerSocket Socket, long Since)> idle, long now)
    {
        var count = 0;
        while (count < idle.Count && _time.GetElapsedTime(idle[count].Since, now) >= PurgeDelay)
        {
            count++;
        }

        if (count == 0)
        {
            return null;
        }

        var expired = idle.GetRange(0, count);
        idle.RemoveRange(0, count);
        return expired;
    }

    /// <summary>
    /// An idle connection is readable only when the server closed it (or sent bytes it should not have). HTTP's own
    /// connections know it from the read waiting on them while idle (<see cref="ServerPipes.WatchIdle"/>) as long as
    /// that wait is still running; any other is asked with a poll. A wait that completed is confirmed with a poll too:
    /// the runtime completes a zero-byte read on a readiness event without reading, and an event left over from the
    /// response's last bytes (already read when the wait began) completes it with nothing there. Trusted alone, that
    /// threw away a healthy connection about once in a hundred back-to-back requests and opened a new one.
    /// </summary>
    private static bool IsOpen(ServerSocket socket) =>
        (socket.Attached as ServerPipes)?.QuietSinceIdle == true || IsOpen(socket.Socket);

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
