using System.Net;
using System.Net.Sockets;
using Appliance.ProxyCore.Diagnostics;
using Appliance.ProxyCore.LoadBalancing;
using Appliance.ProxyCore.Model;
using Microsoft.Extensions.Logging;

namespace Appliance.ProxyCore.Forwarding.Tcp;

/// <summary>
/// One client connection in <c>mode tcp</c>: route to the frontend's backend, connect to a server, then tunnel until
/// both sides are done. The client socket is owned (and closed) by the listener.
/// </summary>
public sealed class TcpProxySession
{
    private readonly ServerConnector _connector;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public TcpProxySession(ServerConnector connector, TimeProvider time, ILogger logger)
    {
        _connector = connector;
        _time = time;
        _logger = logger;
    }

    public async Task HandleAsync(Socket client, FrontendModel frontend, CancellationToken abort)
    {
        var remote = client.RemoteEndPoint as IPEndPoint;
        var local = client.LocalEndPoint as IPEndPoint;
        var backend = frontend.DefaultBackend;
        if (backend is null)
        {
            ProxyLog.NoBackend(_logger, remote?.ToString() ?? "?", frontend.Name);
            return;
        }

        var context = new BalanceContext(remote?.Address);
        var (connection, failure) = await _connector.ConnectAsync(backend, context, local?.Port ?? 0, abort).ConfigureAwait(false);
        if (connection is null)
        {
            ProxyLog.NoServer(_logger, remote?.ToString() ?? "?", frontend.Name, backend.Name, failure.ToString());
            return;
        }

        using (connection)
        {
            var frontTimeouts = frontend.Config.Timeouts;
            var timeouts = backend.Timeouts with
            {
                Client = frontTimeouts.Client,
                ClientFin = frontTimeouts.ClientFin ?? frontTimeouts.Client,
            };
            var result = await TcpTunnel.RunAsync(client, connection.Socket, timeouts, _time, abort).ConfigureAwait(false);
            if (_logger.IsEnabled(LogLevel.Debug))
            {
                ProxyLog.TcpSessionClosed(
                    _logger, remote?.ToString() ?? "?", frontend.Name, backend.Name, connection.Server.Name,
                    result.Termination ?? "normal", result.BytesFromClient, result.BytesFromServer);
            }
        }
    }
}
