using System.Net;
using System.Net.Sockets;
using Appliance.ProxyCore.Diagnostics;
using Appliance.ProxyCore.Forwarding.Tcp.Splice;
using Appliance.ProxyCore.LoadBalancing;
using Appliance.ProxyCore.Logging;
using Appliance.ProxyCore.Model;
using Microsoft.Extensions.Logging;

namespace Appliance.ProxyCore.Forwarding.Tcp;

/// <summary>
/// One client connection in <c>mode tcp</c>: route to the frontend's backend, connect to a server, then tunnel until
/// both sides are done. The client socket is owned (and closed) by the listener.
/// </summary>
public sealed class TcpProxySession : IDisposable
{
    private readonly ServerConnector _connector;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IAccessLog _accessLog;
    private readonly SplicePipePool _pipes = new();

    public TcpProxySession(ServerConnector connector, TimeProvider time, ILogger logger, IAccessLog? accessLog = null)
    {
        _connector = connector;
        _time = time;
        _logger = logger;
        _accessLog = accessLog ?? NullAccessLog.Instance;
    }

    /// <summary>The pipes of spliced tunnels (kept across reloads: tunnels outlive the configuration they started on).</summary>
    public SplicePipePool Pipes => _pipes;

    /// <summary>Closes the spare pipes.</summary>
    public void Dispose() => _pipes.Dispose();

    /// <summary>Serves a plain TCP connection: bytes move socket to socket, without splicing.</summary>
    public Task HandleAsync(Socket client, FrontendModel frontend, CancellationToken abort) =>
        HandleCoreAsync(client, null, frontend, default, abort);

    /// <summary>
    /// Serves a plain TCP connection: bytes move socket to socket, spliced in the directions the frontend's and the
    /// backend's <c>option splice-*</c> ask for unless <paramref name="splice"/> is disabled (global <c>nosplice</c>).
    /// </summary>
    public Task HandleAsync(Socket client, FrontendModel frontend, SpliceSettings splice, CancellationToken abort) =>
        HandleCoreAsync(client, null, frontend, splice, abort);

    /// <summary>
    /// Serves a connection whose client side is a stream (TLS terminated here): the server gets the decrypted bytes.
    /// </summary>
    public Task HandleAsync(Socket client, System.Net.Security.SslStream clientStream, FrontendModel frontend, CancellationToken abort) =>
        HandleCoreAsync(client, clientStream, frontend, default, abort);

    private async Task HandleCoreAsync(Socket client, Stream? clientStream, FrontendModel frontend, SpliceSettings splice, CancellationToken abort)
    {
        var remote = client.RemoteEndPoint as IPEndPoint;
        var local = client.LocalEndPoint as IPEndPoint;
        var accepted = _time.GetTimestamp();
        var acceptDate = _time.GetUtcNow();
        var backend = frontend.DefaultBackend;
        if (backend is null)
        {
            ProxyLog.NoBackend(_logger, remote?.ToString() ?? "?", frontend.Name);
            return;
        }

        var context = new BalanceContext(remote?.Address);
        var samples = backend.Stick is null ? default : new Acl.SampleContext(new StickTables.ConnectionView(remote, local));
        var preferred = backend.Stick?.Match(samples);
        var (connection, failure) = await _connector.ConnectAsync(backend, context, local?.Port ?? 0, abort, preferred).ConfigureAwait(false);
        if (connection is null)
        {
            ProxyLog.NoServer(_logger, remote?.ToString() ?? "?", frontend.Name, backend.Name, failure.ToString());
            Log(remote, local, acceptDate, accepted, frontend, backend, null, default, failure.ToTermination());
            return;
        }

        // TCP mode has no response to analyse: every store rule runs once the server is connected.
        backend.Stick?.StoreRequest(samples, connection.Server);
        backend.Stick?.StoreResponse(samples, connection.Server);
        using (connection)
        {
            var frontTimeouts = frontend.Config.Timeouts;
            var timeouts = backend.Timeouts with
            {
                Client = frontTimeouts.Client,
                ClientFin = frontTimeouts.ClientFin ?? frontTimeouts.Client,
            };
            // TLS on the client side needs the bytes in user space: only a plain connection splices.
            var tunnelSplice = splice.Enabled
                ? new TunnelSplice(SplicePolicy.From(frontend.Config.Options, backend.Config.Options), _pipes, splice.MaxPipes)
                : TunnelSplice.Off;
            var result = clientStream is null
                ? await TcpTunnel.RunAsync(client, connection.Socket, timeouts, _time, tunnelSplice, abort).ConfigureAwait(false)
                : await RunStreamTunnelAsync(client, clientStream, connection.Socket, timeouts, abort).ConfigureAwait(false);
            // A tunnel's bytes are counted when it ends (HAProxy updates them while it runs).
            foreach (var traffic in (ReadOnlySpan<Model.TrafficCounters>)[frontend.Traffic, backend.Traffic, connection.Server.State.Traffic])
            {
                traffic.AddBytesIn(result.BytesFromClient);
                traffic.AddBytesOut(result.BytesFromServer);
            }

            Log(remote, local, acceptDate, accepted, frontend, backend, connection, result, TerminationOf(result.Termination));
            if (_logger.IsEnabled(LogLevel.Debug))
            {
                ProxyLog.TcpSessionClosed(
                    _logger, remote?.ToString() ?? "?", frontend.Name, backend.Name, connection.Server.Name,
                    result.Termination ?? "normal", result.BytesFromClient, result.BytesFromServer);
            }
        }
    }

    /// <summary>HAProxy's session state for how a tunnel ended (the data phase).</summary>
    private static TerminationState TerminationOf(string? termination) => termination switch
    {
        null => TerminationState.Normal,
        "client" or "client-fin" or "tunnel" => new TerminationState(TerminationCause.ClientTimeout, SessionPhase.Data),
        "server" or "server-fin" => new TerminationState(TerminationCause.ServerTimeout, SessionPhase.Data),
        "client-reset" => new TerminationState(TerminationCause.ClientAbort, SessionPhase.Data),
        "server-reset" => new TerminationState(TerminationCause.ServerAbort, SessionPhase.Data),
        _ => new TerminationState(TerminationCause.Killed, SessionPhase.Data),
    };

    /// <summary>The connection's tcplog line, when its frontend logs.</summary>
    private void Log(
        IPEndPoint? remote, IPEndPoint? local, DateTimeOffset acceptDate, long accepted, FrontendModel frontend, BackendModel backend,
        ServerConnection? connection, TunnelResult result, TerminationState termination)
    {
        if (!_accessLog.IsEnabled(frontend.Name))
        {
            return;
        }

        _accessLog.Write(new TcpAccessRecord
        {
            Client = remote ?? new IPEndPoint(IPAddress.None, 0),
            FrontendEndPoint = local,
            AcceptDate = acceptDate,
            Frontend = frontend.Name,
            Backend = backend.Name,
            Server = connection?.Server.Name,
            ServerAddress = connection?.Server.Address,
            ServerPort = connection?.Server.Config.Port ?? local?.Port ?? 0,
            QueueTime = connection is null ? TcpAccessRecord.NotReached : (int)connection.QueueTime.TotalMilliseconds,
            ConnectTime = connection is null ? TcpAccessRecord.NotReached : (int)connection.ConnectTime.TotalMilliseconds,
            TotalTime = (int)_time.GetElapsedTime(accepted).TotalMilliseconds,
            BytesRead = result.BytesFromServer,
            BytesUploaded = result.BytesFromClient,
            Termination = termination,
            ActiveConnections = frontend.Traffic.CurrentSessions,
            FrontendConnections = frontend.Traffic.CurrentSessions,
            BackendConnections = backend.Traffic.CurrentSessions,
            ServerConnections = connection?.Server.State.ActiveConnections ?? 0,
            Retries = connection is null ? 0 : connection.Attempts - 1,
            ServerQueue = connection?.Server.State.Queue.Count ?? 0,
            BackendQueue = backend.Queue.Count,
        });
    }

    private async Task<TunnelResult> RunStreamTunnelAsync(Socket client, Stream clientStream, Socket server, TunnelTimeouts timeouts, CancellationToken abort)
    {
        await using var serverStream = new NetworkStream(server, ownsSocket: false);
        var clientIn = System.IO.Pipelines.PipeReader.Create(clientStream, new(leaveOpen: true));
        var clientOut = System.IO.Pipelines.PipeWriter.Create(clientStream, new(leaveOpen: true));
        var serverIn = System.IO.Pipelines.PipeReader.Create(serverStream, new(leaveOpen: true));
        var serverOut = System.IO.Pipelines.PipeWriter.Create(serverStream, new(leaveOpen: true));
        using var stop = abort.Register(() =>
        {
            client.Close(0);
            server.Close(0);
        });
        try
        {
            return await PipeTunnel.RunAsync(
                clientIn,
                clientOut,
                async () =>
                {
                    if (clientStream is System.Net.Security.SslStream ssl)
                    {
                        await ssl.ShutdownAsync().ConfigureAwait(false);
                    }

                    ShutdownSend(client);
                },
                serverIn,
                serverOut,
                () =>
                {
                    ShutdownSend(server);
                    return ValueTask.CompletedTask;
                },
                () =>
                {
                    client.Close(0);
                    server.Close(0);
                },
                timeouts,
                _time).ConfigureAwait(false);
        }
        finally
        {
            await clientIn.CompleteAsync().ConfigureAwait(false);
            await clientOut.CompleteAsync().ConfigureAwait(false);
            await serverIn.CompleteAsync().ConfigureAwait(false);
            await serverOut.CompleteAsync().ConfigureAwait(false);
        }
    }

    private static void ShutdownSend(Socket socket)
    {
        try
        {
            socket.Shutdown(SocketShutdown.Send);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
        }
    }
}
