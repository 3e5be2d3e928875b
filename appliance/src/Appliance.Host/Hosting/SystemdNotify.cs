using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Appliance.Host.Hosting;

/// <summary>
/// The sd_notify protocol (sd_notify(3)): newline-separated <c>KEY=VALUE</c> assignments in one datagram to the unix
/// socket named by <c>$NOTIFY_SOCKET</c>, so a <c>Type=notify</c> unit is "active" only once the listeners are bound,
/// shows "reloading" during a SIGHUP and "deactivating" while it drains. A name starting with <c>@</c> is an abstract
/// socket (the <c>@</c> stands for the leading NUL byte). Without <c>$NOTIFY_SOCKET</c> (not under systemd) every call
/// does nothing. A failed send is not an error: the node serves either way, systemd only learns less.
/// </summary>
internal sealed class SystemdNotify : IDisposable
{
    /// <summary>The environment variable systemd sets for <c>Type=notify</c> services.</summary>
    public const string SocketVariable = "NOTIFY_SOCKET";

    private readonly Socket? _socket;
    private readonly UnixDomainSocketEndPoint? _endPoint;
    private readonly TimeProvider _time;

    public SystemdNotify(string? socketPath, TimeProvider time)
    {
        _time = time;
        if (string.IsNullOrEmpty(socketPath))
        {
            return;
        }

        _endPoint = new UnixDomainSocketEndPoint(socketPath[0] == '@' ? "\0" + socketPath[1..] : socketPath);
        _socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
    }

    /// <summary>Reads <c>$NOTIFY_SOCKET</c>; an instance that sends nothing when it is unset.</summary>
    public static SystemdNotify FromEnvironment(TimeProvider time) => new(Environment.GetEnvironmentVariable(SocketVariable), time);

    /// <summary>True when <c>$NOTIFY_SOCKET</c> named a socket.</summary>
    public bool IsEnabled => _socket is not null;

    /// <summary>Startup finished (or a reload did): <c>READY=1</c> with a status line.</summary>
    public bool Ready(string status) => Send($"READY=1\nSTATUS={OneLine(status)}");

    /// <summary>
    /// Runs a reload between <c>RELOADING=1</c> (with <c>MONOTONIC_USEC</c>, which systemd 253's <c>Type=notify-reload</c>
    /// requires) and <c>READY=1</c>; the status line says whether it applied.
    /// </summary>
    public (bool Applied, string Message) Reloading(Func<(bool Applied, string Message)> reload)
    {
        ArgumentNullException.ThrowIfNull(reload);
        var microseconds = _time.GetTimestamp() * 1_000_000 / _time.TimestampFrequency;
        Send($"RELOADING=1\nMONOTONIC_USEC={microseconds.ToString(CultureInfo.InvariantCulture)}\nSTATUS=reloading");
        var result = reload();
        Ready(result.Applied ? $"reloaded: {result.Message}" : $"reload refused, still serving the previous configuration: {result.Message}");
        return result;
    }

    /// <summary>Shutdown began (the drain): <c>STOPPING=1</c>.</summary>
    public bool Stopping(string status) => Send($"STOPPING=1\nSTATUS={OneLine(status)}");

    /// <summary>A free-form status line (<c>systemctl status</c> shows it).</summary>
    public bool Status(string status) => Send($"STATUS={OneLine(status)}");

    public void Dispose() => _socket?.Dispose();

    private bool Send(string message)
    {
        if (_socket is null)
        {
            return false;
        }

        try
        {
            _socket.SendTo(Encoding.UTF8.GetBytes(message), SocketFlags.None, _endPoint!);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    // A newline inside a value would start a new assignment.
    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
