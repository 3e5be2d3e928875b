using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Appliance.LabTests.Infrastructure.Sticky;

/// <summary>
/// The sticky-client tests' application servers: <see cref="Count"/> HTTP/1.1 servers named s1, s2, ... listening on
/// ADDRESS:<see cref="BasePort"/>+i inside the backends' namespace (sockets created there, served from this process).
/// Every response carries <c>X-Server: NAME</c> and the name as its body, so the client knows who answered.
/// <c>GET /login</c> starts an application session: <c>Set-Cookie: JSESSIONID=NAME-N</c>, N unique per server; any other
/// path just answers. Keep-alive unless the request says <c>Connection: close</c>.
/// </summary>
internal sealed class LabHttpBackends : IDisposable
{
    public const int BasePort = 9001;

    private readonly List<Socket> _listeners = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _loops = [];
    private long _requests;
    private long _sessions;

    public LabHttpBackends(NamespaceSockets sockets, IPAddress address, int count)
    {
        Address = address;
        Count = count;
        try
        {
            for (var i = 0; i < count; i++)
            {
                var listener = sockets.CreateAsync().GetAwaiter().GetResult();
                _listeners.Add(listener);
                listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
                listener.Bind(new IPEndPoint(address, BasePort + i));
                listener.Listen(1024);
                var name = ServerName(i);
                _loops.Add(Task.Run(() => AcceptAsync(listener, name)));
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public IPAddress Address { get; }

    public int Count { get; }

    /// <summary>Requests answered so far.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Sessions started (<c>/login</c>) so far.</summary>
    public long Sessions => Interlocked.Read(ref _sessions);

    public static string ServerName(int index) => $"s{index + 1}";

    /// <summary>The <c>server</c> lines of a backend that balances over these servers (with <paramref name="extra"/> after each address).</summary>
    public string ServerLines(Func<string, string>? extra = null) => string.Concat(Enumerable.Range(0, Count).Select(i =>
        $"    server {ServerName(i)} {Address}:{BasePort + i}{(extra is null ? string.Empty : " " + extra(ServerName(i)))}\n"));

    public void Dispose()
    {
        _stop.Cancel();
        foreach (var listener in _listeners)
        {
            listener.Dispose();
        }

        Task.WaitAll([.. _loops], TimeSpan.FromSeconds(5));
        _stop.Dispose();
    }

    private async Task AcceptAsync(Socket listener, string name)
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket connection;
            try
            {
                connection = await listener.AcceptAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(connection, name));
        }
    }

    private async Task ServeAsync(Socket connection, string name)
    {
        using var socket = connection;
        var buffer = new byte[8192];
        var filled = 0;
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                int headEnd;
                while ((headEnd = buffer.AsSpan(0, filled).IndexOf("\r\n\r\n"u8)) < 0)
                {
                    if (filled == buffer.Length)
                    {
                        return;
                    }

                    var read = await socket.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, _stop.Token);
                    if (read == 0)
                    {
                        return;
                    }

                    filled += read;
                }

                var head = Encoding.ASCII.GetString(buffer, 0, headEnd);
                var close = head.Contains("\r\nConnection: close", StringComparison.OrdinalIgnoreCase);
                var path = head.Split(' ') is [_, var p, ..] ? p : "/";
                await socket.SendAsync(Respond(name, path, close), SocketFlags.None, _stop.Token);
                Interlocked.Increment(ref _requests);
                // GET only: no body; keep what followed the head (a next request).
                var rest = filled - (headEnd + 4);
                Buffer.BlockCopy(buffer, headEnd + 4, buffer, 0, rest);
                filled = rest;
                if (close)
                {
                    socket.Shutdown(SocketShutdown.Send);
                    return;
                }
            }
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The proxy or the test went away.
        }
    }

    private byte[] Respond(string name, string path, bool close)
    {
        var cookie = path.StartsWith("/login", StringComparison.Ordinal)
            ? string.Create(CultureInfo.InvariantCulture, $"Set-Cookie: JSESSIONID={name}-{Interlocked.Increment(ref _sessions)}; Path=/\r\n")
            : string.Empty;
        var body = name + "\n";
        return Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: {body.Length}\r\nX-Server: {name}\r\n{cookie}{(close ? "Connection: close\r\n" : string.Empty)}\r\n{body}"));
    }
}
