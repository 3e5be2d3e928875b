using System.Net;
using System.Net.Sockets;

namespace Appliance.Host.Logging;

/// <summary>
/// A syslog target over a socket: UDP (unconnected) or a UNIX datagram socket (one message per datagram), or TCP
/// (octet-counted). The socket is opened on first use and after a failure, no sooner than <see cref="ReconnectBackoff"/> allows; while
/// waiting, sends fail at once so the sender drops and counts instead of stalling.
/// </summary>
internal sealed class SocketSyslogTransport : ISyslogTransport
{
    /// <summary>5 s: a TCP collector that does not answer within it is treated as down for this attempt.</summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);

    private readonly Func<CancellationToken, ValueTask<EndPoint>> _resolve;
    private readonly SocketType _socketType;
    private readonly ProtocolType _protocol;
    private readonly TimeProvider _time;
    private readonly ReconnectBackoff _backoff = new();
    private readonly bool _datagram;
    private Socket? _socket;

    private SocketSyslogTransport(Func<CancellationToken, ValueTask<EndPoint>> resolve, SocketType socketType, ProtocolType protocol, SyslogFraming framing, TimeProvider time)
    {
        _resolve = resolve;
        _socketType = socketType;
        _protocol = protocol;

        _datagram = socketType == SocketType.Dgram;
        Framing = framing;
        _time = time;
    }

    public SyslogFraming Framing { get; }

    public static SocketSyslogTransport Udp(string host, int port, TimeProvider time) =>
        new(ct => ResolveAsync(host, port, ct), SocketType.Dgram, ProtocolType.Udp, SyslogFraming.NewlineTerminated, time);

    public static SocketSyslogTransport Tcp(string host, int port, TimeProvider time) =>
        new(ct => ResolveAsync(host, port, ct), SocketType.Stream, ProtocolType.Tcp, SyslogFraming.OctetCounted, time);

    public static SocketSyslogTransport UnixDatagram(string path, TimeProvider time) =>
        new(_ => ValueTask.FromResult<EndPoint>(new UnixDomainSocketEndPoint(path)), SocketType.Dgram, ProtocolType.Unspecified, SyslogFraming.NewlineTerminated, time);

    public ValueTask<bool> SendAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken) =>
        _datagram && _socket is { } socket
            ? ValueTask.FromResult(SendDatagram(socket, frame.Span)) // the common case, without an async state machine
            : SendSlowAsync(frame, cancellationToken);

    private async ValueTask<bool> SendSlowAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken)
    {
        var socket = _socket ?? await ConnectAsync(cancellationToken).ConfigureAwait(false);
        if (socket is null)
        {
            return false;
        }

        if (_datagram)
        {
            return SendDatagram(socket, frame.Span);
        }

        try
        {
            // A stream socket may take part of the frame.
            while (!frame.IsEmpty)
            {
                var sent = await socket.SendAsync(frame, SocketFlags.None, cancellationToken).ConfigureAwait(false);
                frame = frame[sent..];
            }

            return true;
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            Reset();
            return false;
        }
    }

    /// <summary>
    /// A datagram goes whole or fails, synchronously and without allocating (this is the target's own sender loop).
    /// A connected datagram socket reports an earlier ICMP "port unreachable" once, on a later send: the collector is
    /// (or was) down, the line counts as dropped and the socket stays, as HAProxy's does.
    /// </summary>
    private bool SendDatagram(Socket socket, ReadOnlySpan<byte> frame)
    {
        try
        {
            socket.Send(frame, SocketFlags.None);
            return true;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
        {
            return false;
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            Reset();
            return false;
        }
    }

    public ValueTask DisposeAsync()
    {
        _socket?.Dispose();
        _socket = null;
        return ValueTask.CompletedTask;
    }

    private async ValueTask<Socket?> ConnectAsync(CancellationToken cancellationToken)
    {
        if (!_backoff.CanAttempt(_time.GetUtcNow()))
        {
            return null;
        }

        Socket? socket = null;
        try
        {
            var endPoint = await _resolve(cancellationToken).ConfigureAwait(false);
            socket = new Socket(endPoint.AddressFamily, _socketType, _protocol);
            if (_datagram)
            {
                // Connected too, so each send passes no address; synchronously (no handshake: it only fixes the peer),
                // because an asynchronous operation would switch the socket to non-blocking mode, where every later
                // synchronous send is emulated and allocates.
                socket.Connect(endPoint);
            }
            else
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(ConnectTimeout);
                await socket.ConnectAsync(endPoint, timeout.Token).ConfigureAwait(false);
            }

            _backoff.Succeeded();
            _socket = socket;
            return socket;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            socket?.Dispose();
            _backoff.Failed(_time.GetUtcNow());
            return null;
        }
    }

    private void Reset()
    {
        _socket?.Dispose();
        _socket = null;
        _backoff.Failed(_time.GetUtcNow());
    }

    private static async ValueTask<EndPoint> ResolveAsync(string host, int port, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(host, out var address))
        {
            return new IPEndPoint(address, port);
        }

        var addresses = await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
        return addresses.Length > 0 ? new IPEndPoint(addresses[0], port) : throw new SocketException((int)SocketError.HostNotFound);
    }
}
