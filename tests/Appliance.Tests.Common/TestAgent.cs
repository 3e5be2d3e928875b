using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Appliance.Tests.Common;

/// <summary>An HAProxy agent-check responder on 127.0.0.1: answers every connection with <see cref="Reply"/> and a newline.</summary>
public sealed class TestAgent : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private string _reply;

    public TestAgent(string reply)
    {
        _reply = reply;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _loop = LoopAsync();
    }

    public int Port { get; }

    public string Reply
    {
        get => Volatile.Read(ref _reply);
        set => Volatile.Write(ref _reply, value);
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                using var socket = await _listener.AcceptSocketAsync(_stop.Token).ConfigureAwait(false);
                await socket.SendAsync(Encoding.ASCII.GetBytes(Reply + "\n"), SocketFlags.None).ConfigureAwait(false);
                socket.Shutdown(SocketShutdown.Send);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException)
            {
            }
        }
    }
}
