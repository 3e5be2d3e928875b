using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Appliance.ProxyCore.FunctionalTests.Http;

/// <summary>
/// A keep-alive HTTP backend that answers a round of requests only once <c>roundSize</c> of them are waiting, so every
/// round has that many requests in flight at once, each on its own server connection. Counts the connections it accepts.
/// </summary>
internal sealed class RoundBarrierBackend : IAsyncDisposable
{
    private static readonly byte[] Response = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"u8.ToArray();

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly int _roundSize;
    private readonly object _gate = new();
    private readonly List<Socket> _accepted = [];
    private TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _waiting;
    private Task _acceptLoop = Task.CompletedTask;

    public RoundBarrierBackend(int roundSize)
    {
        _roundSize = roundSize;
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Server connections accepted so far.</summary>
    public int Connections
    {
        get
        {
            lock (_gate)
            {
                return _accepted.Count;
            }
        }
    }

    public void Start()
    {
        _listener.Start(1024);
        _acceptLoop = AcceptLoopAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        lock (_gate)
        {
            _accepted.ForEach(s => s.Dispose());
        }

        await _acceptLoop.ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var socket = await _listener.AcceptSocketAsync(_stop.Token);
            lock (_gate)
            {
                _accepted.Add(socket);
            }

            _ = ServeAsync(socket);
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        var buffer = new byte[4096];
        var pending = new StringBuilder();
        try
        {
            while (true)
            {
                var read = await socket.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
                if (read == 0)
                {
                    return;
                }

                pending.Append(Encoding.ASCII.GetString(buffer, 0, read));
                while (pending.ToString().IndexOf("\r\n\r\n", StringComparison.Ordinal) is var end and >= 0)
                {
                    pending.Remove(0, end + 4);
                    await ArriveAsync();
                    await socket.SendAsync(Response, SocketFlags.None, _stop.Token);
                }
            }
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    /// <summary>Waits until the round is full; the last request of a round releases all of them.</summary>
    private Task ArriveAsync()
    {
        lock (_gate)
        {
            var release = _release;
            if (++_waiting == _roundSize)
            {
                _waiting = 0;
                _release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                release.SetResult();
            }

            return release.Task;
        }
    }
}
