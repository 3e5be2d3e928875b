using System.Net;
using System.Net.Sockets;

namespace Appliance.ProxyCore.AllocationTests;

/// <summary>
/// A keep-alive HTTP/1.1 server that allocates nothing per request: it counts request heads (each ends with an empty
/// line; the requests here have no body) in a fixed buffer and answers each with the same prebuilt response (with a
/// <c>Server</c> field, as nginx sends, for <c>http-response del-header Server</c>).
/// </summary>
internal sealed class KeepAliveHttpBackend : IAsyncDisposable
{
    private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly byte[] _response;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Socket> _connections = [];
    private Task _acceptLoop = Task.CompletedTask;

    public KeepAliveHttpBackend(int bodyLength)
    {
        var head = System.Text.Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nServer: nginx/1.22.1\r\nContent-Type: text/plain\r\nContent-Length: {bodyLength}\r\n\r\n");
        _response = [.. head, .. Enumerable.Repeat((byte)'b', bodyLength)];
    }

    public int Port => ((IPEndPoint)_listener.LocalEndPoint!).Port;

    /// <summary>Connections accepted so far.</summary>
    public int Connections
    {
        get
        {
            lock (_connections)
            {
                return _connections.Count;
            }
        }
    }

    /// <summary>The length of one whole response (head and body).</summary>
    public int ResponseLength => _response.Length;

    public void Start()
    {
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(16);
        _acceptLoop = AcceptLoopAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Dispose();
        lock (_connections)
        {
            _connections.ForEach(c => c.Dispose());
        }

        await _acceptLoop.ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var socket = await _listener.AcceptAsync(_stop.Token);
            lock (_connections)
            {
                _connections.Add(socket);
            }


            _ = ServeAsync(socket);
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        var buffer = new byte[16384];
        var matched = 0;
        try
        {
            while (true)
            {
                var read = await socket.ReceiveAsync(buffer.AsMemory(), SocketFlags.None, _stop.Token);
                if (read == 0)
                {
                    return;
                }

                for (var i = 0; i < read; i++)
                {
                    // "\r\n\r\n" ends a head: track how much of it has been seen.
                    var b = buffer[i];
                    matched = b == (matched % 2 == 0 ? '\r' : '\n') ? matched + 1 : b == '\r' ? 1 : 0;
                    if (matched == 4)
                    {
                        matched = 0;
                        await socket.SendAsync(_response.AsMemory(), SocketFlags.None, _stop.Token);
                    }
                }
            }
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }
}
