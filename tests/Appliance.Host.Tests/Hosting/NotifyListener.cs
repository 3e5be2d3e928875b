using System.Net.Sockets;
using System.Text;

namespace Appliance.Host.Tests.Hosting;

/// <summary>A unix datagram socket standing in for systemd's notify socket: a file path, or an abstract name.</summary>
internal sealed class NotifyListener : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
    private readonly string? _file;

    private NotifyListener(string name, string? file)
    {
        Name = name;
        _file = file;
    }

    /// <summary>What <c>$NOTIFY_SOCKET</c> holds: the path, or <c>@name</c> for an abstract socket.</summary>
    public string Name { get; }

    public static NotifyListener OnFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"notify-{Guid.NewGuid():N}.sock");
        var listener = new NotifyListener(path, path);
        listener._socket.Bind(new UnixDomainSocketEndPoint(path));
        return listener;
    }

    public static NotifyListener Abstract()
    {
        var name = $"appliance-test-notify-{Guid.NewGuid():N}";
        var listener = new NotifyListener("@" + name, null);
        listener._socket.Bind(new UnixDomainSocketEndPoint("\0" + name));
        return listener;
    }

    /// <summary>The next datagram's text, or a TimeoutException.</summary>
    public async Task<string> ReceiveAsync(TimeSpan timeout)
    {
        var buffer = new byte[4096];
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            var count = await _socket.ReceiveAsync(buffer, SocketFlags.None, cancel.Token);
            return Encoding.UTF8.GetString(buffer, 0, count);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"no notification on {Name} within {timeout}");
        }
    }

    /// <summary>Datagrams until one contains <paramref name="marker"/>; returns them all.</summary>
    public async Task<List<string>> ReceiveUntilAsync(string marker, TimeSpan timeout)
    {
        var received = new List<string>();
        while (received.Count == 0 || !received[^1].Contains(marker, StringComparison.Ordinal))
        {
            received.Add(await ReceiveAsync(timeout));
        }

        return received;
    }

    public void Dispose()
    {
        _socket.Dispose();
        if (_file is not null)
        {
            File.Delete(_file);
        }
    }
}
