using System.Diagnostics;
using Appliance.Tests.Common;

namespace Appliance.ProxyCore.FunctionalTests.Http;

/// <summary>Debian's haproxy started on 127.0.0.1 in the foreground with a given configuration; killed by PID on dispose.</summary>
internal sealed class HaproxyReference : IDisposable
{
    public const string Binary = "/usr/sbin/haproxy";

    private readonly Process _process;
    private readonly string _configPath;

    private HaproxyReference(Process process, string configPath, int port)
    {
        _process = process;
        _configPath = configPath;
        Port = port;
    }

    public int Port { get; }

    public static bool IsInstalled => File.Exists(Binary);

    public static Task<HaproxyReference> StartAsync(int backendPort) =>
        StartWithBackendAsync($"    server web0 127.0.0.1:{backendPort}");

    /// <summary>Starts haproxy with an HTTP frontend on a free port and a backend made of <paramref name="backendLines"/>.</summary>
    public static Task<HaproxyReference> StartWithBackendAsync(string backendLines)
    {
        var port = TcpClientHelper.FreePort();
        return StartConfigAsync($"""
            defaults
                mode http
                timeout connect 2s
                timeout client 10s
                timeout server 10s
            frontend fe
                bind 127.0.0.1:{port}
                default_backend be
            backend be
            {backendLines}
            """, port);
    }

    /// <summary>Starts haproxy with <paramref name="configText"/>; ready once <paramref name="port"/> accepts.</summary>
    public static async Task<HaproxyReference> StartConfigAsync(string configText, int port)
    {
        var configPath = Path.Combine(Path.GetTempPath(), $"haproxy-ref-{Guid.NewGuid():N}.cfg");
        await File.WriteAllTextAsync(configPath, configText + "\n");
        var info = new ProcessStartInfo(Binary) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { "-db", "-f", configPath })
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info)!;
        var reference = new HaproxyReference(process, configPath, port);
        if (!await TcpClientHelper.WaitUntilAsync(() => CanConnect(port), TimeSpan.FromSeconds(10)))
        {
            reference.Dispose();
            throw new InvalidOperationException("haproxy did not start listening");
        }

        return reference;
    }

    /// <summary>HAProxy's soft stop: SIGUSR1 to the process (its SIGTERM is a hard stop).</summary>
    public async Task SoftStopAsync()
    {
        using var kill = Process.Start("kill", ["-USR1", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        await kill.WaitForExitAsync();
        Assert.Equal(0, kill.ExitCode);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
        File.Delete(_configPath);
    }

    private static bool CanConnect(int port)
    {
        try
        {
            using var client = new System.Net.Sockets.TcpClient();
            client.Connect(System.Net.IPAddress.Loopback, port);
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }
}
