using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using Appliance.ProxyCore.Tls;

namespace Appliance.ProxyCore.Tests.Tls;

/// <summary>
/// A TLS server on 127.0.0.1 the way a listener would use the provider: each connection is authenticated with
/// <see cref="TlsServerOptionsProvider.AuthenticateAsServerAsync"/>, then every byte is echoed. Handshake failures are kept.
/// </summary>
internal sealed class TlsEchoServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly TlsServerOptionsProvider _provider;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentBag<Task> _connections = [];
    private readonly Task _acceptLoop;

    public TlsEchoServer(TlsServerOptionsProvider provider)
    {
        _provider = provider;
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _acceptLoop = AcceptLoopAsync();
    }

    public int Port { get; }

    /// <summary>Exceptions of failed server handshakes, in order.</summary>
    public ConcurrentQueue<Exception> HandshakeErrors { get; } = new();

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        await _acceptLoop;
        await Task.WhenAll(_connections);
        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _connections.Add(ServeAsync(socket));
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        await using var stream = new SslStream(new NetworkStream(socket, ownsSocket: true));
        try
        {
            await _provider.AuthenticateAsServerAsync(stream, _stop.Token);
        }
        catch (Exception e)
        {
            HandshakeErrors.Enqueue(e);
            return;
        }

        var buffer = new byte[1024];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, _stop.Token)) > 0)
            {
                await stream.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException)
        {
            // The client went away or the test ended.
        }
    }
}
