using System.Net;
using System.Net.Sockets;

namespace Appliance.Tests.Common;

/// <summary>Two connected TCP sockets on 127.0.0.1 (<see cref="Near"/> connected to <see cref="Far"/>).</summary>
public sealed class SocketPair : IDisposable
{
    private SocketPair(Socket near, Socket far)
    {
        Near = near;
        Far = far;
    }

    public Socket Near { get; }

    public Socket Far { get; }

    public static async Task<SocketPair> CreateAsync()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        var near = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        var connect = near.ConnectAsync(listener.LocalEndPoint!);
        var far = await listener.AcceptAsync();
        await connect;
        return new SocketPair(near, far);
    }

    public void Dispose()
    {
        Near.Dispose();
        Far.Dispose();
    }
}
