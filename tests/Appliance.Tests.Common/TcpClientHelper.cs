using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Appliance.Tests.Common;

/// <summary>Small client-side helpers for functional tests on 127.0.0.1.</summary>
public static class TcpClientHelper
{
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

    /// <summary>A port that was free a moment ago (bind to 0, read, close).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
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
