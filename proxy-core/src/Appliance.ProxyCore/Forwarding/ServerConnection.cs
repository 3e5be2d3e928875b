using System.Net.Sockets;
using Appliance.ProxyCore.Model;

namespace Appliance.ProxyCore.Forwarding;

/// <summary>A connected server socket holding one of the server's <c>maxconn</c> slots until disposed.</summary>
public sealed class ServerConnection : IDisposable
{
    private readonly BackendModel _backend;
    private int _disposed;

    internal ServerConnection(BackendModel backend, ServerModel server, Socket socket, int attempts)
    {
        _backend = backend;
        Server = server;
        Socket = socket;
        Attempts = attempts;
    }

    public ServerModel Server { get; }

    public Socket Socket { get; }

    /// <summary>How many connection attempts it took (1 = first try).</summary>
    public int Attempts { get; }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        Socket.Dispose();
        Server.State.ReleaseSlot();
        _backend.Queue.SignalOne();
    }
}
