using System.Text;
using Appliance.Host.Logging;
using Appliance.ProxyCore.Logging;

namespace Appliance.Host.Tests.Logging;

public sealed class SyslogFrameFormatterTests
{
    private const string Text = "127.0.0.1:50962 [22/Nov/2026:03:38:05.030] fe_http be/s1 0/0/-1/-1/3007 503 217 - - SC-- 1/1/0/0/3 0/0 \"GET / HTTP/1.1\"";

    private static readonly DateTimeOffset Sent = new DateTimeOffset(2026, 11, 22, 3, 38, 8, TimeSpan.Zero).AddTicks(375120);

    private static readonly SyslogIdentity Default = new(null, "haproxy");

    // The expected headers are those Debian's haproxy 2.6 sent for the same facility, level, time and PID.
    [Theory]
    [InlineData(SyslogFormat.Local, SyslogFacility.Local0, "<134>Nov 22 03:38:08 haproxy[624]: ")]
    [InlineData(SyslogFormat.Rfc3164, SyslogFacility.Local2, "<150>Nov 22 03:38:08 localhost haproxy[624]: ")]
    [InlineData(SyslogFormat.Rfc5424, SyslogFacility.Local1, "<142>1 2026-11-22T03:38:08.037512+00:00 - haproxy 624 - - ")]
    [InlineData(SyslogFormat.Priority, SyslogFacility.Local0, "<134>")]
    [InlineData(SyslogFormat.Short, SyslogFacility.Local0, "<6>")]
    [InlineData(SyslogFormat.Timed, SyslogFacility.Local0, "<6>2026-11-22T03:38:08.037512+00:00 ")]
    [InlineData(SyslogFormat.Iso, SyslogFacility.Local0, "2026-11-22T03:38:08.037512+00:00 ")]
    [InlineData(SyslogFormat.Raw, SyslogFacility.Local0, "")]
    public void Write_EachFormat_HeaderAsHaproxy(SyslogFormat format, SyslogFacility facility, string header)
    {
        Assert.Equal(header + Text, Format(new SyslogHeader(format, facility, SyslogSeverity.Info, Sent, Default, 624, "-")));
    }

    [Fact]
    public void Write_LogSendHostname_HostnameInBothFormats()
    {
        var identity = new SyslogIdentity("vm", "haproxy");

        Assert.StartsWith("<134>Nov 22 03:38:08 vm haproxy[26377]: ", Format(new SyslogHeader(SyslogFormat.Rfc3164, SyslogFacility.Local0, SyslogSeverity.Info, Sent, identity, 26377, "-")), StringComparison.Ordinal);
        Assert.StartsWith("<142>1 2026-11-22T03:38:08.037512+00:00 vm haproxy 26377 - - ", Format(new SyslogHeader(SyslogFormat.Rfc5424, SyslogFacility.Local1, SyslogSeverity.Info, Sent, identity, 26377, "-")), StringComparison.Ordinal);
    }

    [Fact]
    public void Write_DayBelowTen_PaddedWithSpace()
    {
        var date = new DateTimeOffset(2026, 3, 2, 9, 5, 7, TimeSpan.Zero);

        Assert.StartsWith("<3>Mar  2 09:05:07 tag[1]: ", Format(new SyslogHeader(SyslogFormat.Local, SyslogFacility.Kern, SyslogSeverity.Err, date, new SyslogIdentity(null, "tag"), 1, "-")), StringComparison.Ordinal);
    }

    [Fact]
    public void Write_MessageIdAndOffset_InRfc5424Header()
    {
        var date = new DateTimeOffset(2026, 11, 22, 4, 38, 8, TimeSpan.FromHours(1));

        Assert.StartsWith(
            "<28>1 2026-11-22T04:38:08.000000+01:00 - appliance 7 server-state - ",
            Format(new SyslogHeader(SyslogFormat.Rfc5424, SyslogFacility.Daemon, SyslogSeverity.Warning, date, new SyslogIdentity(null, "appliance"), 7, "server-state")),
            StringComparison.Ordinal);
    }

    [Fact]
    public void Write_LongerThanMaxLength_CutWholeMessageAtMaxLength()
    {
        var line = Format(new SyslogHeader(SyslogFormat.Local, SyslogFacility.Local0, SyslogSeverity.Info, Sent, Default, 624, "-"), maxLength: 80);

        Assert.Equal(("<134>Nov 22 03:38:08 haproxy[624]: " + Text)[..80], line);
    }

    [Fact]
    public void WritePrefix_OctetCounting_LengthSpaceBeforeMessage()
    {
        var buffer = new byte[OctetCounting.PrefixRoom + 3];
        "abc"u8.CopyTo(buffer.AsSpan(OctetCounting.PrefixRoom));

        var start = OctetCounting.WritePrefix(buffer, OctetCounting.PrefixRoom, 3);

        Assert.Equal("3 abc", Encoding.ASCII.GetString(buffer, start, buffer.Length - start));
    }

    private static string Format(in SyslogHeader header, int maxLength = 1024)
    {
        var buffer = new byte[2048];
        var n = SyslogFrameFormatter.Write(buffer, header, Encoding.ASCII.GetBytes(Text), maxLength);
        return Encoding.UTF8.GetString(buffer, 0, n);
    }
}
