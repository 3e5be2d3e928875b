using Appliance.Host.Logging;
using Appliance.ProxyCore.Configuration;
using Appliance.ProxyCore.Logging;

namespace Appliance.Host.Tests.Logging;

/// <summary>Our syslog targets against a real rsyslogd: the lines it writes show how it parsed our headers and framing.</summary>
public sealed class RsyslogInteropTests
{
    private const string Access = "127.0.0.1:33628 [02/Mar/2026:09:05:07.278] fe_http be/s1 0/0/0/0/0 200 119 - - ---- 1/1/0/0/0 0/0 \"GET / HTTP/1.1\"";

    private static readonly FixedTimeProvider Time = new(new DateTimeOffset(2026, 3, 2, 9, 5, 7, 278, TimeSpan.Zero).AddTicks(1230));

    [Fact]
    public async Task Udp_Rfc5424_RsyslogParsesEveryField()
    {
        using var rsyslog = await StartAsync();

        var fields = await SendAsync(rsyslog, LogTransport.Udp, rsyslog.UdpPort, SyslogFormat.Rfc5424, "udp5424");

        Assert.Equal(["134", "2026-03-02T09:05:07.278123+00:00", "haproxy[4242]", "haproxy", "4242", "-", $"udp5424 {Access}"], Without(fields, 2));
    }

    [Fact]
    public async Task Tcp_Rfc5424OctetCounted_RsyslogParsesEveryFieldAndKeepsMessagesApart()
    {
        using var rsyslog = await StartAsync();

        var fields = await SendAsync(rsyslog, LogTransport.Tcp, rsyslog.TcpPort, SyslogFormat.Rfc5424, "tcp5424", lines: 3);

        Assert.Equal(["134", "2026-03-02T09:05:07.278123+00:00", "haproxy[4242]", "haproxy", "4242", "-", $"tcp5424 {Access}"], Without(fields, 2));
    }

    [Fact]
    public async Task Udp_Rfc3164_RsyslogReadsPriorityTimestampHostnameTagAndMessage()
    {
        using var rsyslog = await StartAsync();

        var fields = await SendAsync(rsyslog, LogTransport.Udp, rsyslog.UdpPort, SyslogFormat.Rfc3164, "udp3164");

        Assert.Equal("134", fields[0]);
        Assert.EndsWith("-03-02T09:05:07+00:00", fields[1], StringComparison.Ordinal);
        Assert.Equal(["localhost", "haproxy[4242]:", "haproxy", "4242"], fields[2..6]);
        Assert.Equal($" udp3164 {Access}", fields[7]);
    }

    [Fact]
    public async Task Tcp_Rfc3164OctetCounted_RsyslogReadsTagAndMessage()
    {
        using var rsyslog = await StartAsync();

        var fields = await SendAsync(rsyslog, LogTransport.Tcp, rsyslog.TcpPort, SyslogFormat.Rfc3164, "tcp3164", lines: 3);

        Assert.Equal(["134", "localhost", "haproxy[4242]:", "haproxy", "4242"], Without(fields, 1, 6, 7));
        Assert.Equal($" tcp3164 {Access}", fields[7]);
    }

    [Fact]
    public async Task UnixSocket_Local_RsyslogReadsPriorityTagAndMessage()
    {
        using var rsyslog = await StartAsync();

        var fields = await SendAsync(rsyslog, LogTransport.UnixDatagram, 0, SyslogFormat.Local, "unix", path: rsyslog.SocketPath);

        Assert.Equal("134", fields[0]);
        Assert.EndsWith("-03-02T09:05:07+00:00", fields[1], StringComparison.Ordinal);
        Assert.Equal(["haproxy[4242]:", "haproxy", "4242"], fields[3..6]);
        Assert.Equal($" unix {Access}", fields[7]);
    }

    private static async Task<RsyslogServer> StartAsync()
    {
        if (!File.Exists(RsyslogServer.Binary))
        {
            // Debian's rsyslog is the reference receiver; .ci/run installs it.
            Assert.Fail("rsyslog is not installed (apt-get install rsyslog): the interop test cannot run");
        }

        return await RsyslogServer.StartAsync();
    }

    /// <summary>Sends <paramref name="lines"/> access lines tagged <paramref name="marker"/> and returns the fields of the last one received.</summary>
    private static async Task<string[]> SendAsync(RsyslogServer rsyslog, LogTransport transport, int port, SyslogFormat format, string marker, int lines = 1, string? path = null)
    {
        var target = new LogTarget
        {
            Address = marker,
            Transport = transport,
            Host = "127.0.0.1",
            Port = port,
            Path = path,
            Format = format,
            Facility = SyslogFacility.Local0,
            Location = new SourceLocation("t.cfg", 1),
        };
        ISyslogTransport socket = transport switch
        {
            LogTransport.Tcp => SocketSyslogTransport.Tcp("127.0.0.1", port, Time),
            LogTransport.Udp => SocketSyslogTransport.Udp("127.0.0.1", port, Time),
            _ => SocketSyslogTransport.UnixDatagram(path!, Time),
        };
        var syslog = new SyslogTarget(target, socket, new SyslogIdentity(null, "haproxy"), 4242, Time);
        for (var i = 0; i < lines; i++)
        {
            syslog.Write(SyslogSeverity.Info, System.Text.Encoding.ASCII.GetBytes($"{marker} {Access}"));
        }

        var received = await rsyslog.WaitForLinesAsync(lines, marker);
        await syslog.DisposeAsync();
        Assert.Equal(lines, received.Count);
        Assert.Equal(lines, syslog.Sent);
        return received[^1];
    }

    private static string[] Without(string[] fields, params int[] indexes) => [.. fields.Where((_, i) => Array.IndexOf(indexes, i) < 0)];
}
