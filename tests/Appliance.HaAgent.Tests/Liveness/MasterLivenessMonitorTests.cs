using System.Net;
using System.Net.Sockets;
using Appliance.Contracts;
using Appliance.HaAgent.Configuration;
using Appliance.HaAgent.Liveness;
using Appliance.HaAgent.Net;
using Appliance.HaAgent.Tests.Driver;
using Appliance.HaAgent.Vrrp;

namespace Appliance.HaAgent.Tests.Liveness;

/// <summary>
/// The monitor on real 127.0.0.0/8 sockets, feeding a driver on a fake clock: the "master" is a listener on 127.0.0.2,
/// the backup learns 127.0.0.2 as its master from an injected advert.
/// </summary>
public sealed class MasterLivenessMonitorTests
{
    private static readonly Ipv4Address MasterIp = Vrrp.PacketSamples.Ip("127.0.0.2");
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task ConnectAsync_Listening_Accepted()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();

        var (outcome, socket) = await MasterLivenessMonitor.ConnectAsync((IPEndPoint)listener.LocalEndpoint, Wait, CancellationToken.None);
        socket?.Dispose();

        Assert.Equal(ProbeOutcome.Accepted, outcome);
    }

    [Fact]
    public async Task ConnectAsync_ListenerGone_Refused()
    {
        IPEndPoint endPoint;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            endPoint = (IPEndPoint)listener.LocalEndpoint;
        }

        var (outcome, socket) = await MasterLivenessMonitor.ConnectAsync(endPoint, Wait, CancellationToken.None);

        Assert.Equal(ProbeOutcome.Refused, outcome);
        Assert.Null(socket);
    }

    [Fact]
    public async Task Monitor_MasterProcessDiesWithAnotherBackup_BackupTakesOverAfterSkewTimeAsProcessGone()
    {
        await using var h = new DriverHarness(priority: 100);
        await h.StartAsync();
        using var listener = new TcpListener(MasterIp.ToIPAddress(), 0);
        listener.Start();
        await using var monitor = await WatchAsync(h, listener, otherBackup: true);
        var held = await listener.AcceptSocketAsync().WaitAsync(Wait);

        // kill -9: the master's kernel closes the listening socket and the process's connections.
        listener.Stop();
        held.Dispose();
        await WaitUntilAsync(h, () => h.Driver.MasterAddress is null);

        // Skew_Time at priority 100 and 100 cs adverts: 60 cs, not the 360 cs Master_Down_Interval.
        await h.AdvanceAsync(DriverHarness.Ms(590));
        Assert.Equal(HaRole.Backup, h.Driver.Role);
        await h.AdvanceAsync(DriverHarness.Ms(10));
        Assert.Equal(HaRole.Master, h.Driver.Role);
        Assert.Equal(VrrpTransitionReason.MasterProcessGone, h.Changes[^1].Reason);
    }

    [Fact]
    public async Task Monitor_MasterProcessDiesInTwoNodeCluster_BackupTakesOverWithoutSkewTime()
    {
        await using var h = new DriverHarness(priority: 100);
        await h.StartAsync();
        using var listener = new TcpListener(MasterIp.ToIPAddress(), 0);
        listener.Start();
        await using var monitor = await WatchAsync(h, listener);
        var held = await listener.AcceptSocketAsync().WaitAsync(Wait);

        listener.Stop();
        held.Dispose();

        // The dead master was the only peer: no backup to order, so no Skew_Time (the fake clock does not move).
        await WaitUntilAsync(h, () => h.Driver.Role == HaRole.Master);
        Assert.Equal(VrrpTransitionReason.MasterProcessGone, h.Changes[^1].Reason);
    }

    [Fact]
    public async Task Monitor_ConnectionEndsWhileListenerStillAccepts_ReportsGoneWhenListenerCloses()
    {
        // kill -9 as the kernel does it: the process's connection ends first, its listening socket a moment later.
        await using var h = new DriverHarness(priority: 100);
        await h.StartAsync();
        using var listener = new TcpListener(MasterIp.ToIPAddress(), 0);
        listener.Start();
        await using var monitor = await WatchAsync(h, listener);
        var held = await listener.AcceptSocketAsync().WaitAsync(Wait);

        held.Dispose();
        // The probe is accepted by the kernel into the backlog; nobody will accept it any more.
        await WaitForPendingAsync(listener);
        listener.Stop();
        await WaitUntilAsync(h, () => h.Driver.MasterAddress is null);

        await h.AdvanceAsync(DriverHarness.Ms(600));
        Assert.Equal(HaRole.Master, h.Driver.Role);
        Assert.Equal(VrrpTransitionReason.MasterProcessGone, h.Changes[^1].Reason);
    }

    [Fact]
    public async Task Monitor_MasterClosesEveryConnectionButListens_NoReportAndKeepsProbing()
    {
        await using var h = new DriverHarness(priority: 100);
        await h.StartAsync();
        using var listener = new TcpListener(MasterIp.ToIPAddress(), 0);
        listener.Start();
        await using var monitor = await WatchAsync(h, listener);

        // The first connection, then each accepted probe (held as the next connection) is closed by the "server".
        for (var i = 0; i < 4; i++)
        {
            (await listener.AcceptSocketAsync().WaitAsync(Wait)).Dispose();
        }

        using var held = await listener.AcceptSocketAsync().WaitAsync(Wait);
        await h.Driver.SettleAsync().WaitAsync(Wait);
        Assert.Equal(MasterIp, h.Driver.MasterAddress);
        Assert.Equal(HaRole.Backup, h.Driver.Role);
    }

    /// <summary>Makes the listener's address this backup's master and starts a monitor that watches it.</summary>
    /// <param name="otherBackup">A third node among the sync peers (never connected to: only the master is watched).</param>
    private static async Task<MasterLivenessMonitor> WatchAsync(DriverHarness h, TcpListener listener, bool otherBackup = false)
    {
        await h.ReceiveAsync(priority: 200, from: MasterIp);
        List<SyncPeerConfig> peers = [new SyncPeerConfig("lb2", (IPEndPoint)listener.LocalEndpoint)];
        if (otherBackup)
        {
            peers.Add(new SyncPeerConfig("lb3", IPEndPoint.Parse("127.0.0.3:7600")));
        }

        var monitor = new MasterLivenessMonitor(h.Driver, peers, TimeProvider.System);
        monitor.Start();
        return monitor;
    }

    private static async Task WaitForPendingAsync(TcpListener listener)
    {
        using var timeout = new CancellationTokenSource(Wait);
        while (!listener.Pending())
        {
            await Task.Delay(TimeSpan.FromMilliseconds(5), timeout.Token);
        }
    }

    private static async Task WaitUntilAsync(DriverHarness h, Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(Wait);
        while (true)
        {
            await h.Driver.SettleAsync().WaitAsync(timeout.Token);
            if (condition())
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(10), timeout.Token);
        }
    }
}
