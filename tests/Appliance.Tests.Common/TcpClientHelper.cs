using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Appliance.Tests.Common;

/// <summary>Small client-side helpers for functional tests on 127.0.0.1.</summary>
public static class TcpClientHelper
{
    private const int SolSocket = 1;
    private const int SoReuseAddr = 2;

    /// <summary>The sockets that hold <see cref="FreePort"/>'s ports (never closed: the process's exit frees them).</summary>
    private static readonly ConcurrentBag<Socket> Reserved = [];

    /// <summary>Connects and reads the first line (a <see cref="TestBackend"/>'s name); null when the proxy closed without a line.</summary>
    public static async Task<string?> ReadGreetingAsync(int port, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), cts.Token);
        return await ReadLineAsync(socket, cts.Token);
    }

    public static async Task<string?> ReadLineAsync(Socket socket, CancellationToken cancellationToken)
    {
        var bytes = new List<byte>();
        var one = new byte[1];
        while (true)
        {
            int read;
            try
            {
                read = await socket.ReceiveAsync(one, SocketFlags.None, cancellationToken);
            }
            catch (SocketException)
            {
                return null;
            }

            if (read == 0)
            {
                return bytes.Count == 0 ? null : Encoding.ASCII.GetString(bytes.ToArray());
            }

            if (one[0] == (byte)'\n')
            {
                return Encoding.ASCII.GetString(bytes.ToArray());
            }

            bytes.Add(one[0]);
        }
    }

    /// <summary>
    /// A loopback TCP port kept for this test process until it exits: a socket with SO_REUSEADDR stays bound to it
    /// without listening. A port picked free and released (the old way) could be taken before the test bound it: by a
    /// backend or another test binding to 0, or by a client's ephemeral port, and a proxy connecting to a "dead" port
    /// could even connect to itself (TCP simultaneous open). While the reservation holds, the kernel hands the port to
    /// no bind to 0 and no outgoing connection, connections to it are refused (a dead server), and a listener that sets
    /// SO_REUSEADDR (the proxy, .NET's sockets and Kestrel on Linux, HAProxy) binds and listens on it alongside.
    /// </summary>
    public static int FreePort()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.SetRawSocketOption(SolSocket, SoReuseAddr, BitConverter.GetBytes(1));
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        Reserved.Add(socket);
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    /// <summary>Polls <paramref name="condition"/> every 20 ms until it holds or <paramref name="timeout"/> passes.</summary>
    public static async Task<bool> WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (condition())
            {
                return true;
            }

            await Task.Delay(20);
        }

        return condition();
    }
}
