using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Appliance.ProxyCore.FunctionalTests.Stop;

/// <summary>
/// A keep-alive HTTP/1.1 backend that holds the response of every request for <c>/held</c> (or of every request, with
/// <c>holdAll</c>) until the test calls <see cref="Release"/>, so a request can be kept in flight across a stop.
/// <see cref="RequestArrived"/> completes when the first held request head arrived.
/// </summary>
internal sealed class GatedHttpBackend : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<Socket> _accepted = [];
    private Task _acceptLoop = Task.CompletedTask;

    private readonly bool _holdAll;

    public GatedHttpBackend(string body, bool holdAll = true)
    {
        Body = body;
        _holdAll = holdAll;
    }

    public string Body { get; }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public Task RequestArrived => _arrived.Task;

    public void Start()
    {
        _listener.Start();
        _acceptLoop = AcceptAsync();
    }

    /// <summary>Lets every held and later response go.</summary>
    public void Release() => _release.TrySetResult();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _acceptLoop;
        lock (_accepted)
        {
            _accepted.ForEach(s => s.Dispose());
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var socket = await _listener.AcceptSocketAsync(_stop.Token);
                lock (_accepted)
                {
                    _accepted.Add(socket);
                }

                _ = ServeAsync(socket);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        var response = Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Length: {Body.Length}\r\n\r\n{Body}");
        var buffer = new byte[8192];
        var head = new StringBuilder();
        try
        {
            while (true)
            {
                var read = await socket.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
                if (read == 0)
                {
                    return;
                }

                head.Append(Encoding.ASCII.GetString(buffer, 0, read));
                if (!head.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
                {
                    continue;
                }

                if (_holdAll || head.ToString().StartsWith("GET /held ", StringComparison.Ordinal))
                {
                    _arrived.TrySetResult();
                    await _release.Task.WaitAsync(_stop.Token);
                }

                head.Clear();
                await socket.SendAsync(response, SocketFlags.None, _stop.Token);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }
}
