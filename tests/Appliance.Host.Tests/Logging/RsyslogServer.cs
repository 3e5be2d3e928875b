using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Appliance.Host.Tests.Logging;

/// <summary>
/// Debian's rsyslogd in the foreground with its own configuration, work directory and pid file in a temporary
/// directory, listening on 127.0.0.1 (UDP and TCP ports picked here) and on a UNIX datagram socket, writing every
/// message it receives to a file as <c>PRI|TIMESTAMP|HOSTNAME|TAG|APP-NAME|PROCID|MSGID|MSG</c>. Killed by PID on dispose.
/// </summary>
internal sealed class RsyslogServer : IDisposable
{
    public const string Binary = "/usr/sbin/rsyslogd";

    private readonly Process _process;
    private readonly string _directory;

    private RsyslogServer(Process process, string directory, int udpPort, int tcpPort)
    {
        _process = process;
        _directory = directory;
        UdpPort = udpPort;
        TcpPort = tcpPort;
    }

    public int UdpPort { get; }

    public int TcpPort { get; }

    public string SocketPath => Path.Combine(_directory, "log.sock");

    private string ReceivedPath => Path.Combine(_directory, "received.log");

    public static async Task<RsyslogServer> StartAsync()
    {
        var directory = Directory.CreateTempSubdirectory("appliance-rsyslog-").FullName;
        Directory.CreateDirectory(Path.Combine(directory, "work"));
        // The TCP port stays reserved (rsyslogd binds it alongside, with SO_REUSEADDR); a UDP reservation would share
        // the datagrams with rsyslogd, so that port is only picked free (bound to 0 and released).
        var udpPort = FreeUdpPort();
        var tcpPort = Appliance.Tests.Common.TcpClientHelper.FreePort();
        var config = Path.Combine(directory, "rsyslog.conf");
        await File.WriteAllTextAsync(config, $$"""
            global(workDirectory="{{directory}}/work")
            module(load="imudp")
            module(load="imtcp")
            module(load="imuxsock" SysSock.Use="off")
            input(type="imudp" address="127.0.0.1" port="{{udpPort}}")
            input(type="imtcp" address="127.0.0.1" port="{{tcpPort}}")
            input(type="imuxsock" Socket="{{directory}}/log.sock" IgnoreTimestamp="off" UseSysTimeStamp="off" RateLimit.Interval="0")
            template(name="fields" type="string" string="%pri%|%timereported:::date-rfc3339%|%hostname%|%syslogtag%|%app-name%|%procid%|%msgid%|%msg%\n")
            *.* action(type="omfile" file="{{directory}}/received.log" template="fields")
            """);
        var info = new ProcessStartInfo(Binary) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-n", "-f", config, "-i", Path.Combine(directory, "rsyslogd.pid") })
        {
            info.ArgumentList.Add(arg);
        }

        var server = new RsyslogServer(Process.Start(info)!, directory, udpPort, tcpPort);
        try
        {
            await server.WaitReadyAsync();
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    /// <summary>The received lines (fields split on the first seven '|'), once at least <paramref name="count"/> arrived (10 s at most).</summary>
    public async Task<IReadOnlyList<string[]>> WaitForLinesAsync(int count, string? containing = null)
    {
        for (var i = 0; i < 200; i++)
        {
            var lines = ReadLines(containing);
            if (lines.Count >= count)
            {
                return lines;
            }

            await Task.Delay(50);
        }

        return ReadLines(containing);
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                _process.WaitForExit(5000);
            }
        }
        finally
        {
            _process.Dispose();
            Directory.Delete(_directory, recursive: true);
        }
    }

    private List<string[]> ReadLines(string? containing)
    {
        if (!File.Exists(ReceivedPath))
        {
            return [];
        }

        using var stream = new FileStream(ReceivedPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return [.. reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(l => containing is null || l.Contains(containing, StringComparison.Ordinal))
            .Select(l => l.Split('|', 8))];
    }

    /// <summary>Ready once the TCP port accepts and a UDP probe has reached the file.</summary>
    private async Task WaitReadyAsync()
    {
        using var udp = new UdpClient();
        for (var i = 0; i < 200; i++)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"rsyslogd exited with {_process.ExitCode}: {await _process.StandardError.ReadToEndAsync()}");
            }

            await udp.SendAsync("<13>probe: ready"u8.ToArray(), new IPEndPoint(IPAddress.Loopback, UdpPort));
            if (ReadLines("ready").Count > 0 && File.Exists(SocketPath) && await TcpAcceptsAsync())
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("rsyslogd did not start listening within 10 s");
    }

    private async Task<bool> TcpAcceptsAsync()
    {
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, TcpPort);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreeUdpPort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }
}
