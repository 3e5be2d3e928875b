using Appliance.Host.Hosting;
using Appliance.Host.Tests.Cli;
using Appliance.Tests.Common;
using Appliance.Tests.Common.Http;

namespace Appliance.Host.Tests.Hosting;

/// <summary>sd_notify against a real unix datagram socket, and the real process under a notify socket.</summary>
public sealed class SystemdNotifyTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Ready_SocketPath_OneDatagramWithReadyAndStatus()
    {
        using var listener = NotifyListener.OnFile();
        using var notify = new SystemdNotify(listener.Name, TimeProvider.System);

        Assert.True(notify.Ready("serving 127.0.0.1:80\nsecond line"));

        Assert.Equal("READY=1\nSTATUS=serving 127.0.0.1:80 second line", await listener.ReceiveAsync(Timeout));
    }

    [Fact]
    public async Task Stopping_AbstractSocketName_DatagramArrives()
    {
        using var listener = NotifyListener.Abstract();
        using var notify = new SystemdNotify(listener.Name, TimeProvider.System);

        Assert.True(notify.Stopping("draining"));

        Assert.Equal("STOPPING=1\nSTATUS=draining", await listener.ReceiveAsync(Timeout));
    }

    [Fact]
    public async Task Reloading_RefusedReload_ReloadingWithMonotonicTimeThenReadyNamingTheRefusal()
    {
        using var listener = NotifyListener.OnFile();
        var time = new FakeTimeProvider();
        time.Advance(TimeSpan.FromSeconds(12.5));
        using var notify = new SystemdNotify(listener.Name, time);

        var result = notify.Reloading(() => (false, "1 error(s)"));

        Assert.Equal((false, "1 error(s)"), result);
        var reloading = await listener.ReceiveAsync(Timeout);
        Assert.StartsWith("RELOADING=1\nMONOTONIC_USEC=", reloading, StringComparison.Ordinal);
        var microseconds = long.Parse(reloading.Split('\n')[1]["MONOTONIC_USEC=".Length..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(time.GetTimestamp() * 1_000_000 / time.TimestampFrequency, microseconds);
        Assert.Equal("READY=1\nSTATUS=reload refused, still serving the previous configuration: 1 error(s)", await listener.ReceiveAsync(Timeout));
    }

    [Fact]
    public void Ready_NoNotifySocket_DisabledAndSendsNothing()
    {
        using var notify = new SystemdNotify(null, TimeProvider.System);

        Assert.False(notify.IsEnabled);
        Assert.False(notify.Ready("serving"));
    }

    [Fact]
    public void Ready_NobodyListening_ReturnsFalseWithoutThrowing()
    {
        var path = Path.Combine(Path.GetTempPath(), $"notify-gone-{Guid.NewGuid():N}.sock");
        using var notify = new SystemdNotify(path, TimeProvider.System);

        Assert.True(notify.IsEnabled);
        Assert.False(notify.Ready("serving"));
    }

    [Fact]
    public async Task Run_UnderNotifySocket_ReadyAfterBindReloadingThenReadyOnSighupStoppingOnSigterm()
    {
        await using var backend = await TestHttpBackend.StartAsync("web0");
        var port = TcpClientHelper.FreePort();
        var path = CheckCommandTests.WriteTemp($"""
            defaults
                mode http
                timeout connect 2s
                timeout client 30s
                timeout server 30s
            frontend www
                bind 127.0.0.1:{port}
                default_backend web
            backend web
                server web0 127.0.0.1:{backend.Port}
            """ + "\n");
        using var state = new TempDirectory();
        using var listener = NotifyListener.Abstract();
        using var appliance = ApplianceProcess.Start(new Dictionary<string, string> { [SystemdNotify.SocketVariable] = listener.Name },
            "run", "-f", path, "--state-dir", state.Path, "--socket", Path.Combine(state.Path, "admin.sock"));

        var ready = await listener.ReceiveUntilAsync("READY=1", Timeout);
        Assert.Equal($"READY=1\nSTATUS=serving 127.0.0.1:{port}", ready[^1]);
        // READY=1 is sent after the listeners are bound: a connection succeeds at once.
        using (var client = new System.Net.Sockets.TcpClient())
        {
            await client.ConnectAsync("127.0.0.1", port);
        }

        appliance.Signal("HUP");
        var reload = await listener.ReceiveUntilAsync("READY=1", Timeout);
        Assert.StartsWith("RELOADING=1\nMONOTONIC_USEC=", reload[0], StringComparison.Ordinal);
        Assert.StartsWith("READY=1\nSTATUS=reloaded: ", reload[^1], StringComparison.Ordinal);

        appliance.Signal("TERM");
        var stopping = await listener.ReceiveUntilAsync("STOPPING=1", Timeout);
        Assert.Equal("STOPPING=1\nSTATUS=draining the proxy", stopping[^1]);
        Assert.Equal(0, await appliance.WaitForExitAsync(Timeout));
    }
}
