using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Appliance.ProxyCore.Tests.Health;

/// <summary>
/// A TCP server on 127.0.0.1 and an ephemeral port that runs a handler per connection and records what each client
/// sent, for probe tests against real sockets.
/// </summary>
internal sealed class LoopbackServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Func<Socket, LoopbackServer, CancellationToken, Task> _handler;
    private readonly Task _acceptLoop;
    private readonly List<Task> _connections = [];

    private LoopbackServer(Func<Socket, LoopbackServer, CancellationToken, Task> handler)
    {
        _handler = handler;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _acceptLoop = AcceptAsync();
    }

    public int Port { get; }

    /// <summary>Completes with the first request a client sent (as the handler defines "request").</summary>
    public TaskCompletionSource<string> FirstRequest { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Reads an HTTP request head, then writes <paramref name="response"/> and closes.</summary>
    public static LoopbackServer Http(string response) => new(async (socket, server, ct) =>
    {
        server.FirstRequest.TrySetResult(await ReadUntilAsync(socket, "\r\n\r\n", ct));
        await socket.SendAsync(Encoding.Latin1.GetBytes(response), SocketFlags.None, ct);
        socket.Shutdown(SocketShutdown.Both);
    });

    /// <summary>Reads an HTTP request head and then never answers.</summary>
    public static LoopbackServer Silent() => new(async (socket, server, ct) =>
    {
        server.FirstRequest.TrySetResult(await ReadUntilAsync(socket, "\r\n\r\n", ct));
        await Task.Delay(Timeout.Infinite, ct);
    });

    /// <summary>Reads <paramref name="expectedSend"/>'s length of bytes when given, then writes <paramref name="reply"/> and closes.</summary>
    public static LoopbackServer Agent(string reply, string? expectedSend = null) => new(async (socket, server, ct) =>
    {
        var received = expectedSend is null ? string.Empty : await ReadExactlyAsync(socket, expectedSend.Length, ct);
        server.FirstRequest.TrySetResult(received);
        await socket.SendAsync(Encoding.Latin1.GetBytes(reply), SocketFlags.None, ct);
        socket.Shutdown(SocketShutdown.Both);
    });

    /// <summary>A port that refuses connections (reserved for the test process, never listened on).</summary>
    public static int ClosedPort() => Appliance.Tests.Common.TcpClientHelper.FreePort();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        Task[] connections;
        lock (_connections)
        {
            connections = [.. _connections];
        }

        try
        {
            await Task.WhenAll([_acceptLoop, .. connections]);
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopping aborts the loops; their exceptions are the expected way out.
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var socket = await _listener.AcceptSocketAsync(_stop.Token);
            lock (_connections)
            {
                _connections.Add(HandleAsync(socket));
            }
        }
    }

    private async Task HandleAsync(Socket socket)
    {
        using (socket)
        {
            await _handler(socket, this, _stop.Token);
        }
    }

    private static async Task<string> ReadUntilAsync(Socket socket, string terminator, CancellationToken ct)
    {
        var received = new StringBuilder();
        var buffer = new byte[1024];
        while (!received.ToString().Contains(terminator, StringComparison.Ordinal))
        {
            var read = await socket.ReceiveAsync(buffer, SocketFlags.None, ct);
            if (read == 0)
            {
                break;
            }

            received.Append(Encoding.Latin1.GetString(buffer, 0, read));
        }

        return received.ToString();
    }

    private static async Task<string> ReadExactlyAsync(Socket socket, int count, CancellationToken ct)
    {
        var buffer = new byte[count];
        var filled = 0;
        while (filled < count)
        {
            var read = await socket.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, ct);
            if (read == 0)
            {
                break;
            }

            filled += read;
        }

        return Encoding.Latin1.GetString(buffer, 0, filled);
    }
}
