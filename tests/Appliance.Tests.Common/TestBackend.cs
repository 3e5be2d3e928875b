using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Appliance.Tests.Common;

/// <summary>
/// A real TCP backend on 127.0.0.1 for functional tests: on each connection it writes its name and a newline, then echoes
/// whatever it receives until the client half-closes, then closes. <see cref="Stop"/> kills it (listener and every open
/// connection), as a crashed server would.
/// </summary>
public sealed class TestBackend : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Socket> _open = [];
    private readonly Task _acceptLoop;
    private int _accepted;

    public TestBackend(string name, int port = 0)
    {
        Name = name;
        _listener = new TcpListener(IPAddress.Loopback, port);
        _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _acceptLoop = AcceptLoopAsync();
    }

    public string Name { get; }

    public int Port { get; }

    /// <summary>Connections accepted so far.</summary>
    public int Accepted => Volatile.Read(ref _accepted);

    /// <summary>When set, the backend sends these bytes instead of its greeting and closes (garbage tests).</summary>
    public byte[]? RawReply { get; set; }

    public void Stop()
    {
        _stop.Cancel();
        _listener.Stop();
        lock (_open)
        {
            foreach (var socket in _open)
            {
                socket.Close(0);
            }

            _open.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Stop();
        try
        {
            await _acceptLoop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            Interlocked.Increment(ref _accepted);
            lock (_open)
            {
                _open.Add(socket);
            }

            _ = ServeAsync(socket);
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        try
        {
            if (RawReply is { } raw)
            {
                await socket.SendAsync(raw, SocketFlags.None).ConfigureAwait(false);
                return;
            }

            await socket.SendAsync(Encoding.ASCII.GetBytes(Name + "\n"), SocketFlags.None).ConfigureAwait(false);
            var buffer = new byte[8192];
            while (true)
            {
                var read = await socket.ReceiveAsync(buffer, SocketFlags.None).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                await socket.SendAsync(buffer.AsMemory(0, read), SocketFlags.None).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
        }
        finally
        {
            lock (_open)
            {
                _open.Remove(socket);
            }

            socket.Dispose();
        }
    }
}
