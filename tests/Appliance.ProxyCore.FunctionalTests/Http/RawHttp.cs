using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Appliance.ProxyCore.FunctionalTests.Http;

/// <summary>Sends raw bytes over a socket and reads what comes back until the peer closes (or a timeout).</summary>
internal static class RawHttp
{
    public static async Task<string> SendAsync(int port, byte[] request, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), cts.Token);
        try
        {
            await socket.SendAsync(request, SocketFlags.None, cts.Token);
        }
        catch (SocketException)
        {
            // The proxy may refuse and close before the whole request was sent; read what it answered.
        }

        return await ReadToCloseAsync(socket, cts.Token);
    }

    /// <summary>Reads until the peer closes, the overall deadline passes, or no byte came for 500 ms after the first one.</summary>
    public static async Task<string> ReadToCloseAsync(Socket socket, CancellationToken cancellationToken)
    {
        var received = new MemoryStream();
        var buffer = new byte[8192];
        try
        {
            while (true)
            {
                using var quiet = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                if (received.Length > 0)
                {
                    quiet.CancelAfter(TimeSpan.FromMilliseconds(500));
                }

                var read = await socket.ReceiveAsync(buffer, SocketFlags.None, quiet.Token);
                if (read == 0)
                {
                    break;
                }

                received.Write(buffer, 0, read);
            }
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
        }

        return Encoding.Latin1.GetString(received.ToArray());
    }

    /// <summary>The status code of the first status line, or 0 when the answer is empty.</summary>
    public static int StatusOf(string response) =>
        response.StartsWith("HTTP/1.", StringComparison.Ordinal) && response.Length >= 12 ? int.Parse(response.AsSpan(9, 3), System.Globalization.CultureInfo.InvariantCulture) : 0;
}
