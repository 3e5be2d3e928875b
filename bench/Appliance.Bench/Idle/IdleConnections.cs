using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Appliance.Bench.Support;

namespace Appliance.Bench.Idle;

/// <summary>
/// <c>idle</c>: opens N connections to 127.0.0.1:PORT (at most <c>--concurrency</c> opening at once), sends one
/// keep-alive HTTP/1.1 request on each and reads the whole response, then leaves them open and idle. Prints
/// <c>RESULT ready=N failed=N</c> when done and holds the connections until the process is killed.
/// </summary>
internal static class IdleConnections
{
    public static async Task<int> RunAsync(Arguments options)
    {
        var endpoint = new IPEndPoint(IPAddress.Loopback, options.Number("port"));
        var count = options.Number("connections");
        var request = Encoding.ASCII.GetBytes($"GET {options.Text("path", "/")} HTTP/1.1\r\nHost: bench\r\n\r\n");
        using var gate = new SemaphoreSlim(options.Number("concurrency", 100));
        var open = await Task.WhenAll(Enumerable.Range(0, count).Select(async _ =>
        {
            await gate.WaitAsync();
            try
            {
                return await OpenAsync(endpoint, request);
            }
            finally
            {
                gate.Release();
            }
        }));
        var ready = open.Count(s => s is not null);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT ready={ready} failed={count - ready}"));
        GC.KeepAlive(open);
        await Task.Delay(Timeout.Infinite);
        return 0;
    }

    private static async Task<Socket?> OpenAsync(IPEndPoint endpoint, byte[] request)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await socket.ConnectAsync(endpoint, timeout.Token);
            await socket.SendAsync(request, SocketFlags.None, timeout.Token);
            var buffer = new byte[4096];
            var length = 0;
            while (true)
            {
                var read = await socket.ReceiveAsync(buffer.AsMemory(length), SocketFlags.None, timeout.Token);
                if (read == 0)
                {
                    throw new IOException("closed before the response ended");
                }

                length += read;
                if (Complete(buffer.AsSpan(0, length)))
                {
                    return socket;
                }

                if (length == buffer.Length)
                {
                    throw new IOException("response larger than 4 KiB; use a small path");
                }
            }
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException)
        {
            socket.Dispose();
            return null;
        }
    }

    /// <summary>True when <paramref name="data"/> holds a whole response head and its Content-Length body.</summary>
    private static bool Complete(ReadOnlySpan<byte> data)
    {
        var end = data.IndexOf("\r\n\r\n"u8);
        if (end < 0)
        {
            return false;
        }

        var head = Encoding.ASCII.GetString(data[..end]);
        var length = head.Split("\r\n")
            .Select(l => l.Split(':', 2))
            .Where(p => p.Length == 2 && p[0].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            .Select(p => int.Parse(p[1].Trim(), CultureInfo.InvariantCulture))
            .DefaultIfEmpty(0)
            .First();
        return data.Length - end - 4 >= length;
    }
}
