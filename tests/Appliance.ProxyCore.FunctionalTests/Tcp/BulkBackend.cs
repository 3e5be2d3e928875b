using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace Appliance.ProxyCore.FunctionalTests.Tcp;

/// <summary>
/// A backend on 127.0.0.1 that, per connection, sends <see cref="Download"/> then its FIN while it reads (and hashes)
/// everything the client sends until the client's FIN.
/// </summary>
internal sealed class BulkBackend : IAsyncDisposable
{
    private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly Task _accepting;
    private readonly List<Task> _connections = [];

    public BulkBackend(byte[] download)
    {
        Download = download;
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(16);
        _accepting = AcceptAsync();
    }

    public byte[] Download { get; }

    public int Port => ((IPEndPoint)_listener.LocalEndPoint!).Port;

    /// <summary>SHA-256 and length of what each finished connection received, in order of completion.</summary>
    public List<(byte[] Hash, long Length)> Received { get; } = [];

    public async ValueTask DisposeAsync()
    {
        _listener.Dispose();
        await Task.WhenAll([_accepting, .. _connections]).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private async Task AcceptAsync()
    {
        while (true)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptAsync();
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                return;
            }

            lock (_connections)
            {
                _connections.Add(ServeAsync(socket));
            }
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        using (socket)
        {
            try
            {
                var send = Task.Run(async () =>
                {
                    await socket.SendAsync(Download, SocketFlags.None);
                    socket.Shutdown(SocketShutdown.Send);
                });
                using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                var buffer = new byte[65536];
                long length = 0;
                int read;
                while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                    length += read;
                }

                await send;
                lock (Received)
                {
                    Received.Add((hash.GetHashAndReset(), length));
                }
            }
            catch (SocketException)
            {
                // A client that aborts is part of the tests.
            }
        }
    }
}
