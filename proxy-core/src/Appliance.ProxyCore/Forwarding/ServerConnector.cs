using System.Net;
using System.Net.Sockets;
using Appliance.ProxyCore.Diagnostics;
using Appliance.ProxyCore.LoadBalancing;
using Appliance.ProxyCore.Model;
using Microsoft.Extensions.Logging;

namespace Appliance.ProxyCore.Forwarding;

/// <summary>
/// Gets a connected server socket for a new session, as HAProxy does: pick a server (waiting in the backend queue while
/// every usable server is at its <c>maxconn</c>, or in the server's own queue when persistence names a full server;
/// both bounded by <c>timeout queue</c>), connect within <c>timeout connect</c>, and on failure retry up to
/// <c>retries</c> times on the same server after a turn-around pause of min(timeout connect, 1 s), except that with
/// <c>option redispatch</c> the last retry goes to another server.
/// </summary>
public sealed class ServerConnector
{
    /// <summary>HAProxy's turn-around timer between retries on the same server.</summary>
    public static readonly TimeSpan MaxTurnAround = TimeSpan.FromSeconds(1);

    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public ServerConnector(TimeProvider time, ILogger logger)
    {
        _time = time;
        _logger = logger;
    }

    /// <summary>Connects to a server of <paramref name="backend"/>; <paramref name="clientPort"/> is used for servers without a port.</summary>
    /// <param name="backend">Where to connect.</param>
    /// <param name="context">What the balancing algorithm may look at.</param>
    /// <param name="clientPort">The port the client connected to, for servers declared without a port.</param>
    /// <param name="abort">Ends waiting and connecting when the proxy stops.</param>
    /// <param name="preferred">
    /// A server to use without balancing when it takes persistent clients (a cookie or stick entry): it may be
    /// draining, as in HAProxy, or down under <c>option persist</c> (see <see cref="BackendModel.TakesPersistentClient"/>). Default null.
    /// </param>
    /// <param name="idle">An idle connection source (HTTP keep-alive to servers); null connects every time.</param>
    public async ValueTask<(ServerConnection? Connection, ConnectFailure Failure)> ConnectAsync(
        BackendModel backend, BalanceContext context, int clientPort, CancellationToken abort,
        ServerModel? preferred = null, IIdleConnectionSource? idle = null)
    {
        var attempts = 1 + Math.Max(0, backend.Config.Retries);
        var queued = TimeSpan.Zero;
        var started = _time.GetTimestamp();
        var queueDeadline = backend.QueueTimeout is { } timeout ? started + (long)(timeout.TotalSeconds * _time.TimestampFrequency) : long.MaxValue;
        var connectTimeout = backend.Config.Timeouts.Connect;
        ServerModel? server = null;
        ServerModel? failed = null;
        for (var attempt = 1; attempt <= attempts; attempt++)
        {
            var redispatchNow = backend.Config.Redispatch && attempt == attempts && attempt > 1;
            if (server is null || redispatchNow)
            {
                if (server is not null)
                {
                    // HAProxy counts a redispatch on the backend and on the server left behind (wredis).
                    server.State.Traffic.Redispatch();
                    backend.Traffic.Redispatch();
                    ReleaseSlot(backend, server);
                }

                var wanted = redispatchNow ? null : preferred;
                var queueStart = _time.GetTimestamp();
                var (acquired, failure) = wanted is not null && backend.TakesPersistentClient(wanted)
                    ? await AcquirePersistentAsync(backend, wanted, context, queueDeadline, abort).ConfigureAwait(false)
                    : await AcquireAsync(backend, context, redispatchNow ? failed : null, queueDeadline, abort).ConfigureAwait(false);
                if (acquired is null)
                {
                    return (null, failure);
                }

                server = acquired;
                queued += _time.GetElapsedTime(queueStart);
                if (idle?.TryTake(server) is { } reused)
                {
                    return (new ServerConnection(backend, server, reused, attempt, reused: true) { QueueTime = queued }, ConnectFailure.None);
                }
            }
            else
            {
                server.State.Traffic.Retry();
                backend.Traffic.Retry();
                var pause = connectTimeout is { } t && t < MaxTurnAround ? t : MaxTurnAround;
                try
                {
                    await Task.Delay(pause, _time, abort).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    ReleaseSlot(backend, server);
                    return (null, ConnectFailure.Aborted);
                }
            }

            var socket = await TryConnectAsync(backend, server, clientPort, connectTimeout, attempt, abort).ConfigureAwait(false);
            if (socket is not null)
            {
                return (new ServerConnection(backend, server, new ServerSocket(socket), attempt)
                {
                    QueueTime = queued,
                    ConnectTime = _time.GetElapsedTime(started) - queued,
                }, ConnectFailure.None);
            }

            failed = server;
            if (abort.IsCancellationRequested)
            {
                ReleaseSlot(backend, server);
                return (null, ConnectFailure.Aborted);
            }
        }

        // econ counts sessions that failed for good, once, on the last server tried and its backend.
        server!.State.Traffic.ConnectError();
        backend.Traffic.ConnectError();
        ReleaseSlot(backend, server);
        return (null, ConnectFailure.ConnectFailed);
    }

    private static void ReleaseSlot(BackendModel backend, ServerModel server)
    {
        server.State.ReleaseSlot();
        ServerQueue.SignalOldest(server.State.Queue, backend.Queue);
    }

    /// <summary>
    /// A slot on the server persistence names (a cookie or stick entry), as HAProxy assigns one: at once when it has
    /// one free; else the client waits in that server's own queue, keeping its place, until a slot frees or
    /// <c>timeout queue</c> passes. When the server's queue holds <c>maxqueue</c> clients already it is refused, as in
    /// HAProxy 2.6 (seen side by side); with <c>option redispatch</c> it is balanced like a new client instead, and so
    /// is a waiting client whose server goes down (without it, it waits for the server as HAProxy's queued clients do).
    /// </summary>
    private async ValueTask<(ServerModel? Server, ConnectFailure Failure)> AcquirePersistentAsync(
        BackendModel backend, ServerModel server, BalanceContext context, long deadline, CancellationToken abort)
    {
        var queue = server.State.Queue;
        long? place = null;
        while (true)
        {
            if (backend.TakesPersistentClient(server) && server.State.TryAcquireSlot())
            {
                return (server, ConnectFailure.None);
            }

            var maxQueue = server.Config.MaxQueue;
            var queueFull = place is null && maxQueue > 0 && queue.Count >= maxQueue;
            if ((queueFull || !backend.TakesPersistentClient(server)) && backend.Config.Redispatch)
            {
                return await AcquireAsync(backend, context, null, deadline, abort).ConfigureAwait(false);
            }

            if (queueFull)
            {
                return (null, ConnectFailure.QueueFull);
            }

            using var ticket = place is { } kept ? queue.Enter(kept) : queue.Enter();
            place = ticket.Sequence;

            // A slot may have been freed between the first look and entering the queue.
            if (backend.TakesPersistentClient(server) && server.State.TryAcquireSlot())
            {
                return (server, ConnectFailure.None);
            }

            if (await WaitAsync(ticket, deadline, server.State.Queue, backend.Queue, abort).ConfigureAwait(false) is { } failure)
            {
                return (null, failure);
            }
        }
    }

    /// <summary>
    /// Waits for <paramref name="ticket"/> to be signalled until <paramref name="deadline"/>; null when it was, else
    /// why not. A signal that comes together with giving up is passed on, so the freed slot is not lost.
    /// </summary>
    private async ValueTask<ConnectFailure?> WaitAsync(ServerQueue.Ticket ticket, long deadline, ServerQueue first, ServerQueue second, CancellationToken abort)
    {
        var remaining = deadline == long.MaxValue ? Timeout.InfiniteTimeSpan : _time.GetElapsedTime(_time.GetTimestamp(), deadline);
        if (remaining != Timeout.InfiniteTimeSpan && remaining <= TimeSpan.Zero)
        {
            return ConnectFailure.QueueTimeout;
        }

        try
        {
            await ticket.Signalled.WaitAsync(remaining, _time, abort).ConfigureAwait(false);
            return null;
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            if (ticket.Signalled.IsCompleted)
            {
                ServerQueue.SignalOldest(first, second);
            }

            return ex is TimeoutException ? ConnectFailure.QueueTimeout : ConnectFailure.Aborted;
        }
    }

    private async ValueTask<(ServerModel? Server, ConnectFailure Failure)> AcquireAsync(
        BackendModel backend, BalanceContext context, ServerModel? exclude, long deadline, CancellationToken abort)
    {
        long? place = null;
        while (true)
        {
            var selection = backend.Selector.Select(context, exclude);
            if (selection.Server is { } picked)
            {
                if (picked.State.TryAcquireSlot())
                {
                    return (picked, ConnectFailure.None);
                }

                // Lost a race for the last slot: select again, which now sees the server as full.
                continue;
            }

            if (selection.Outcome != ServerSelectionOutcome.AllFull)
            {
                return (null, ConnectFailure.NoServer);
            }

            using var ticket = place is { } kept ? backend.Queue.Enter(kept) : backend.Queue.Enter();
            place = ticket.Sequence;

            // A slot may have been freed between the selection and entering the queue: look once more before waiting.
            var retry = backend.Selector.Select(context, exclude);
            if (retry.Server is { } late && late.State.TryAcquireSlot())
            {
                return (late, ConnectFailure.None);
            }

            // Woken at the same moment it gives up, it passes the signal on to the backend's next waiter.
            if (await WaitAsync(ticket, deadline, backend.Queue, backend.Queue, abort).ConfigureAwait(false) is { } failure)
            {
                return (null, failure);
            }
        }
    }

    private async Task<Socket?> TryConnectAsync(
        BackendModel backend, ServerModel server, int clientPort, TimeSpan? timeout, int attempt, CancellationToken abort)
    {
        var address = server.Address;
        if (address is null)
        {
            ProxyLog.ConnectFailed(_logger, backend.Name, server.Name, $"host '{server.Config.Host}' is not resolved", attempt);
            server.State.RecordConnectFailure();
            return null;
        }

        var endPoint = new IPEndPoint(address, server.Config.Port ?? clientPort);
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var cts = timeout is { } t ? new CancellationTokenSource(t, _time) : new CancellationTokenSource();
        using var link = CancellationTokenSource.CreateLinkedTokenSource(cts.Token, abort);
        try
        {
            await socket.ConnectAsync(endPoint, link.Token).ConfigureAwait(false);
            return socket;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            socket.Dispose();
            server.State.RecordConnectFailure();
            var error = ex is SocketException se ? se.SocketErrorCode.ToString() : abort.IsCancellationRequested ? "aborted" : "timeout connect";
            ProxyLog.ConnectFailed(_logger, backend.Name, server.Name, error, attempt);
            return null;
        }
    }
}
