using System.Net;
using System.Net.Sockets;
using Appliance.ProxyCore.Configuration;
using Appliance.ProxyCore.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Appliance.ProxyCore.Transport;

/// <summary>
/// One listening socket for a <c>bind</c> line. The accept loop first takes a slot from every limiter in force (global,
/// then the frontend's), so a proxy at its <c>maxconn</c> leaves new clients in the kernel backlog instead of refusing
/// them. Each accepted socket is handed to the connection handler, which owns it; the slots are released when the
/// handler finishes.
/// </summary>
public sealed class Listener : IAsyncDisposable
{
    private const int Backlog = 1024;

    private readonly BindConfig _bind;
    private readonly Func<Socket, Task> _handler;
    private readonly Func<IReadOnlyList<ConnectionLimiter>> _limiters;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private Socket? _socket;
    private Task _acceptLoop = Task.CompletedTask;

    /// <param name="bind">The address to listen on.</param>
    /// <param name="handler">Serves one accepted connection (owning it until it returns).</param>
    /// <param name="limiters">The limiters in force, asked before each accept (a reload may change them).</param>
    /// <param name="logger">Where accept errors go.</param>
    public Listener(BindConfig bind, Func<Socket, Task> handler, Func<IReadOnlyList<ConnectionLimiter>> limiters, ILogger logger)
    {
        _bind = bind;
        _handler = handler;
        _limiters = limiters;
        _logger = logger;
    }

    /// <summary>The bound address (with the real port when the configuration asked for port 0 in tests).</summary>
    public IPEndPoint? LocalEndPoint => _socket?.LocalEndPoint as IPEndPoint;

    public BindConfig Bind => _bind;

    /// <summary>Binds and starts accepting. Throws <see cref="SocketException"/> when the address cannot be bound.</summary>
    public void Start()
    {
        var endPoint = _bind.EndPoint;
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            if (endPoint.AddressFamily == AddressFamily.InterNetworkV6 && endPoint.Address.Equals(IPAddress.IPv6Any))
            {
                socket.DualMode = true;
            }
            else if (endPoint.AddressFamily == AddressFamily.InterNetwork && !endPoint.Address.Equals(IPAddress.Any))
            {
                SocketOptions.TrySetFreeBind(socket);
            }

            socket.NoDelay = true;
            socket.Bind(endPoint);
            socket.Listen(Backlog);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        _socket = socket;
        _acceptLoop = AcceptLoopAsync(socket, _stop.Token);
    }

    /// <summary>Stops accepting; connections already accepted continue (the handler decides when they end).</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _socket?.Dispose();
        try
        {
            await _acceptLoop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptLoopAsync(Socket listenSocket, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var limiters = _limiters();
            var acquired = 0;
            try
            {
                // An indexed loop: a foreach over the interface would box an enumerator per accepted connection.
                for (var i = 0; i < limiters.Count; i++)
                {
                    await limiters[i].WaitAsync(stop).ConfigureAwait(false);
                    acquired++;
                }

                var accepted = await listenSocket.AcceptAsync(stop).ConfigureAwait(false);
                accepted.NoDelay = true;
                _ = RunHandlerAsync(accepted, limiters);
                acquired = 0;
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
            {
                ReleaseFirst(limiters, acquired);
                return;
            }
            catch (SocketException ex)
            {
                // EMFILE, ECONNABORTED and the like: the listener stays up; the client is lost.
                ReleaseFirst(limiters, acquired);
                ProxyLog.AcceptFailed(_logger, _bind.ToString(), ex.SocketErrorCode.ToString());
            }
        }
    }

    private async Task RunHandlerAsync(Socket accepted, IReadOnlyList<ConnectionLimiter> limiters)
    {
        try
        {
            await _handler(accepted).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            ProxyLog.ConnectionHandlerFailed(_logger, _bind.ToString(), ex);
        }
        finally
        {
            accepted.Dispose();
            ReleaseFirst(limiters, limiters.Count);
        }
    }

    private static void ReleaseFirst(IReadOnlyList<ConnectionLimiter> limiters, int count)
    {
        for (var i = 0; i < count; i++)
        {
            limiters[i].Release();
        }
    }
}
