using System.Net;
using System.Net.Sockets;
using System.Text;
using Appliance.Host.Logging;
using Appliance.ProxyCore.Configuration;
using Appliance.ProxyCore.Logging;

namespace Appliance.Host.Tests.Logging;

public sealed class SyslogTargetTests
{
    private const int Lines = 100_000;

    private static readonly SyslogIdentity Identity = new(null, "haproxy");

    [Fact]
    public async Task Write_TcpTargetThatNeverReads_ReturnsAndCountsEveryLineSentOrDropped()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var target = Target(LogTransport.Tcp, port);
        var syslog = new SyslogTarget(target, SocketSyslogTransport.Tcp("127.0.0.1", port, TimeProvider.System), Identity, 1, TimeProvider.System, capacity: 1000);
        var accept = listener.AcceptSocketAsync();

        WriteMany(syslog);
        using var accepted = await accept;
        await syslog.DisposeAsync();

        // Whatever the kernel buffers took was sent; the rest was dropped at the full queue or at shutdown.
        Assert.Equal(Lines, syslog.Sent + syslog.Dropped);
        Assert.True(syslog.Dropped >= Lines / 2, $"dropped {syslog.Dropped}, sent {syslog.Sent}");
    }

    [Fact]
    public async Task Write_StoppedTcpTarget_EveryLineDropped()
    {
        var port = Appliance.Tests.Common.TcpClientHelper.FreePort();
        var syslog = new SyslogTarget(Target(LogTransport.Tcp, port), SocketSyslogTransport.Tcp("127.0.0.1", port, TimeProvider.System), Identity, 1, TimeProvider.System, capacity: 1000);

        WriteMany(syslog);
        await syslog.DisposeAsync();

        Assert.Equal(0, syslog.Sent);
        Assert.Equal(Lines, syslog.Dropped);
    }

    [Fact]
    public async Task Write_UdpTarget_OneDatagramPerLineWithHeaderAndLf()
    {
        using var receiver = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)receiver.Client.LocalEndPoint!).Port;
        var time = new FixedTimeProvider(new DateTimeOffset(2026, 11, 22, 3, 38, 8, 37, TimeSpan.Zero));
        var syslog = new SyslogTarget(Target(LogTransport.Udp, port) with { Facility = SyslogFacility.Local0 }, SocketSyslogTransport.Udp("127.0.0.1", port, time), Identity, 624, time);

        syslog.Write(SyslogSeverity.Info, "first"u8);
        syslog.Write(SyslogSeverity.Err, "second"u8);
        var first = await receiver.ReceiveAsync().WaitAsync(TimeSpan.FromSeconds(10));
        var second = await receiver.ReceiveAsync().WaitAsync(TimeSpan.FromSeconds(10));
        await syslog.DisposeAsync();

        Assert.Equal("<134>Nov 22 03:38:08 haproxy[624]: first\n", Encoding.ASCII.GetString(first.Buffer));
        Assert.Equal("<131>Nov 22 03:38:08 haproxy[624]: second\n", Encoding.ASCII.GetString(second.Buffer));
        Assert.Equal(2, syslog.Sent);
        Assert.Equal(0, syslog.Dropped);
    }

    [Fact]
    public async Task Write_LevelFilterAndCap_SkipsLessSevereAndRaisesMoreSevere()
    {
        var transport = new CapturingTransport();
        var target = Target(LogTransport.Udp, 514) with { Format = SyslogFormat.Short, MaxLevel = SyslogSeverity.Notice, MinLevel = SyslogSeverity.Err };
        var syslog = new SyslogTarget(target, transport, Identity, 1, TimeProvider.System);

        syslog.Write(SyslogSeverity.Info, "info"u8);
        syslog.Write(SyslogSeverity.Notice, "notice"u8);
        syslog.Write(SyslogSeverity.Emerg, "emerg"u8);
        await syslog.DisposeAsync();

        Assert.Equal(["<5>notice\n", "<3>emerg\n"], transport.Frames);
    }

    [Fact]
    public async Task Write_TcpFraming_OctetCountedWithoutLf()
    {
        var transport = new CapturingTransport(SyslogFraming.OctetCounted);
        var syslog = new SyslogTarget(Target(LogTransport.Tcp, 601) with { Format = SyslogFormat.Raw }, transport, Identity, 1, TimeProvider.System);

        syslog.Write(SyslogSeverity.Info, "hello world"u8);
        await syslog.DisposeAsync();

        Assert.Equal(["11 hello world"], transport.Frames);
    }

    [Fact]
    public async Task Write_LongerThanLen_DatagramCutToLenIncludingLf()
    {
        var transport = new CapturingTransport();
        var syslog = new SyslogTarget(Target(LogTransport.Udp, 514) with { Format = SyslogFormat.Raw, MaxLength = 80 }, transport, Identity, 1, TimeProvider.System);

        syslog.Write(SyslogSeverity.Info, Encoding.ASCII.GetBytes(new string('x', 200)));
        await syslog.DisposeAsync();

        Assert.Equal(new string('x', 79) + "\n", Assert.Single(transport.Frames));
    }

    [Fact]
    public async Task Write_TransportFails_CountedAsDropped()
    {
        var transport = new CapturingTransport { Fail = true };
        var syslog = new SyslogTarget(Target(LogTransport.Udp, 514), transport, Identity, 1, TimeProvider.System);

        syslog.Write(SyslogSeverity.Info, "a"u8);
        syslog.Write(SyslogSeverity.Info, "b"u8);
        await syslog.DisposeAsync();

        Assert.Equal(new SyslogTargetStats("127.0.0.1", LogTransport.Udp, 0, 2), syslog.Stats);
    }

    private static void WriteMany(SyslogTarget syslog)
    {
        var line = "127.0.0.1:33628 [22/Nov/2026:03:38:31.278] fe_http be/s1 0/0/0/0/0 200 119 - - ---- 1/1/0/0/0 0/0 \"GET / HTTP/1.1\""u8;
        for (var i = 0; i < Lines; i++)
        {
            syslog.Write(SyslogSeverity.Info, line);
        }
    }

    private static LogTarget Target(LogTransport transport, int port) => new()
    {
        Address = "127.0.0.1",
        Transport = transport,
        Host = "127.0.0.1",
        Port = port,
        Facility = SyslogFacility.Local0,
        Location = new SourceLocation("t.cfg", 2),
    };
}
