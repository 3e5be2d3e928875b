using System.Net.Sockets;

namespace Appliance.ProxyCore.Forwarding;

/// <summary>
/// A connected server socket and what a protocol layer keeps with it for its whole life (HTTP: the stream and pipes
/// over it), so a connection taken from the idle pool is used with them again instead of building them per request.
/// </summary>
public sealed class ServerSocket : IDisposable
{
    public ServerSocket(Socket socket)
    {
        Socket = socket;
    }

    public Socket Socket { get; }

    /// <summary>State that lives as long as the socket and is disposed (before it) with it; null until a layer sets it.</summary>
    internal IDisposable? Attached { get; set; }

    public void Dispose()
    {
        Attached?.Dispose();
        Attached = null;
        Socket.Dispose();
    }
}
