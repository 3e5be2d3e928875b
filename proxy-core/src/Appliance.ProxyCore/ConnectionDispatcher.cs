using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using Appliance.ProxyCore.Configuration;
using Appliance.ProxyCore.Diagnostics;
using Appliance.ProxyCore.Forwarding.Http;
using Appliance.ProxyCore.Forwarding.Tcp;
using Appliance.ProxyCore.Tls;
using Microsoft.Extensions.Logging;

namespace Appliance.ProxyCore;

/// <summary>
/// Serves one accepted connection with the runtime in force when it was accepted: terminates TLS for <c>ssl</c> binds
/// (handshake bounded by <c>timeout http-request</c>, else <c>timeout client</c>), then runs the frontend's mode.
/// </summary>
internal sealed class ConnectionDispatcher
{
    private readonly TcpProxySession _tcp;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public ConnectionDispatcher(TcpProxySession tcp, TimeProvider time, ILogger logger)
    {
        _tcp = tcp;
        _time = time;
        _logger = logger;
    }

    public async Task DispatchAsync(Socket client, ProxyRuntime runtime, ProxyBinding binding)
    {
        // The runtime's soft stop: its abort closes the connection (hard-stop-after, a stop's grace over).
        var abort = runtime.Stop.Abort;
        if (binding.Tls is { } tls)
        {
            await ServeTlsAsync(client, runtime, binding, tls, abort).ConfigureAwait(false);
        }
        else if (binding.Frontend.Config.Mode == ProxyMode.Http)
        {
            await using var stream = new NetworkStream(client, ownsSocket: false);
            await using var connection = new HttpClientConnection(runtime.Http, client, stream, binding.Frontend, isTls: false, runtime.Stop);
            await connection.RunAsync().ConfigureAwait(false);
        }
        else
        {
            await _tcp.HandleAsync(client, binding.Frontend, runtime.Splice, abort).ConfigureAwait(false);
        }
    }

    private async Task ServeTlsAsync(Socket client, ProxyRuntime runtime, ProxyBinding binding, TlsServerOptionsProvider tls, CancellationToken abort)
    {
        var frontend = binding.Frontend;
        await using var network = new NetworkStream(client, ownsSocket: false);
        await using var ssl = new SslStream(network, leaveInnerStreamOpen: true);
        var handshakeTimeout = frontend.Config.Timeouts.HttpRequest ?? frontend.Config.Timeouts.Client;
        using (var deadline = handshakeTimeout is { } t ? new CancellationTokenSource(t, _time) : new CancellationTokenSource())
        using (var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, abort))
        {
            try
            {
                await tls.AuthenticateAsServerAsync(ssl, linked.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is AuthenticationException or IOException or OperationCanceledException or SocketException)
            {
                ProxyLog.TlsHandshakeFailed(_logger, client.RemoteEndPoint?.ToString() ?? "?", frontend.Name, ex.Message);
                return;
            }
        }

        if (frontend.Config.Mode == ProxyMode.Http)
        {
            await using var connection = new HttpClientConnection(runtime.Http, client, ssl, frontend, isTls: true, runtime.Stop, ssl.TargetHostName);
            await connection.RunAsync().ConfigureAwait(false);
        }
        else
        {
            await _tcp.HandleAsync(client, ssl, frontend, abort).ConfigureAwait(false);
        }
    }
}
