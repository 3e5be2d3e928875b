using System.Diagnostics;

namespace Appliance.LabTests.Infrastructure;

/// <summary>
/// A real avahi-daemon inside one lab namespace, with everything private to the test: its own config file (host name,
/// IPv4 only, eth0 only), a private D-Bus daemon on a socket in the test's folder (avahi-browse and avahi-publish talk to
/// avahi over D-Bus; DBUS_SYSTEM_BUS_ADDRESS points them and the daemon at it), and a tmpfs over /run in the daemon's own
/// mount namespace (`ip netns exec` gives it one) so its pid file and socket never meet a host avahi's. Dispose ends the
/// clients, the daemon and the bus, by PID.
/// </summary>
internal sealed class AvahiDaemon : IDisposable
{
    private readonly string _namespace;
    private readonly string _busAddress;
    private readonly LabProcess _bus;
    private readonly List<LabProcess> _owned = [];

    public AvahiDaemon(string networkNamespace, string folder, string hostName)
    {
        _namespace = networkNamespace;
        HostName = hostName;
        var socket = Path.Combine(folder, "bus");
        _busAddress = $"unix:path={socket}";
        var busConfig = Path.Combine(folder, "bus.conf");
        File.WriteAllText(busConfig, $"""
            <!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN" "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
            <busconfig>
              <type>system</type>
              <listen>{_busAddress}</listen>
              <auth>EXTERNAL</auth>
              <policy context="default">
                <allow user="*"/>
                <allow own="*"/>
                <allow send_destination="*"/>
                <allow receive_sender="*"/>
              </policy>
            </busconfig>
            """);
        var avahiConfig = Path.Combine(folder, "avahi-daemon.conf");
        File.WriteAllText(avahiConfig, $"""
            [server]
            host-name={hostName}
            use-ipv4=yes
            use-ipv6=no
            allow-interfaces=eth0
            enable-dbus=yes
            ratelimit-interval-usec=1000000
            ratelimit-burst=1000

            [wide-area]
            enable-wide-area=no

            [publish]
            publish-hinfo=no
            publish-workstation=no
            """);
        _bus = new LabProcess("dbus", ["dbus-daemon", $"--config-file={busConfig}", "--nofork", "--nopidfile"]);
        try
        {
            WaitFor(() => File.Exists(socket), TimeSpan.FromSeconds(10), "the private D-Bus socket");
            Daemon = new LabProcess("avahi-daemon", [
                "ip", "netns", "exec", networkNamespace, "env", $"DBUS_SYSTEM_BUS_ADDRESS={_busAddress}",
                "sh", "-c", "mount -t tmpfs tmpfs /run && exec avahi-daemon --file=\"$0\" --no-drop-root --no-chroot --no-rlimits --debug", avahiConfig]);
            WaitFor(
                () => Daemon.Lines.Any(l => l.Contains("Server startup complete", StringComparison.Ordinal)) || Daemon.HasExited,
                TimeSpan.FromSeconds(20), "avahi-daemon's start-up");
            if (Daemon.HasExited)
            {
                throw new InvalidOperationException($"avahi-daemon exited:\n{string.Join('\n', Daemon.Lines)}");
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>avahi's own host name (without .local).</summary>
    public string HostName { get; }

    public LabProcess Daemon { get; } = null!;

    /// <summary>`avahi-browse -rpt TYPE`: resolved entries (lines starting with '='), parsable, terminating after the cache dump.</summary>
    public IReadOnlyList<string> Browse(string serviceType)
    {
        var (_, output, errors) = Commands.Run("ip", ["netns", "exec", _namespace, "env", $"DBUS_SYSTEM_BUS_ADDRESS={_busAddress}", "avahi-browse", "-rpt", serviceType], TimeSpan.FromSeconds(20));
        return [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith('=')), .. errors.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(e => $"stderr: {e}")];
    }

    /// <summary>Starts `avahi-publish -s NAME TYPE PORT TXT...` and waits until avahi says the name is established.</summary>
    public LabProcess Publish(string name, string serviceType, int port, params string[] txt)
    {
        var process = new LabProcess($"avahi-publish {name}", [
            "ip", "netns", "exec", _namespace, "env", $"DBUS_SYSTEM_BUS_ADDRESS={_busAddress}",
            "avahi-publish", "-s", name, serviceType, port.ToString(System.Globalization.CultureInfo.InvariantCulture), .. txt]);
        _owned.Add(process);
        WaitFor(() => process.Lines.Any(l => l.StartsWith("Established", StringComparison.Ordinal)) || process.HasExited, TimeSpan.FromSeconds(20), $"avahi-publish {name}");
        return process.HasExited ? throw new InvalidOperationException($"avahi-publish exited:\n{string.Join('\n', process.Lines)}") : process;
    }

    /// <summary>The daemon's log lines, for the test output.</summary>
    public string Log(int last = 40) => string.Join('\n', (Daemon?.Lines ?? []).TakeLast(last));

    public void Dispose()
    {
        foreach (var process in Enumerable.Reverse(_owned))
        {
            process.Dispose();
        }

        Daemon?.Dispose();
        _bus.Dispose();
    }

    private static void WaitFor(Func<bool> condition, TimeSpan timeout, string what)
    {
        var started = Stopwatch.GetTimestamp();
        while (!condition())
        {
            if (Stopwatch.GetElapsedTime(started) > timeout)
            {
                throw new TimeoutException($"timed out waiting for {what}");
            }

            Thread.Sleep(20);
        }
    }
}
