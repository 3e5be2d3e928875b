using System.Globalization;
using System.Text;
using Appliance.ProxyCore.Logging;

namespace Appliance.Host.Logging;

/// <summary>
/// Writes one syslog message, header then text, into a caller's buffer (pure, no allocation). Layouts, each as
/// HAProxy 2.6 sends them:
/// <list type="bullet">
/// <item><c>local</c>: <c>&lt;PRI&gt;Mmm dd hh:mm:ss TAG[PID]: TEXT</c> (RFC 3164 section 4.1 without HOSTNAME).</item>
/// <item><c>rfc3164</c>: <c>&lt;PRI&gt;Mmm dd hh:mm:ss HOSTNAME TAG[PID]: TEXT</c> (RFC 3164 section 4.1).</item>
/// <item><c>rfc5424</c>: <c>&lt;PRI&gt;1 YYYY-MM-DDThh:mm:ss.ffffff+hh:mm HOSTNAME APP-NAME PROCID MSGID - TEXT</c>
/// (RFC 5424 section 6, structured data NILVALUE).</item>
/// <item><c>priority</c>: <c>&lt;PRI&gt;TEXT</c>; <c>short</c>: <c>&lt;SEVERITY&gt;TEXT</c>; <c>timed</c>:
/// <c>&lt;SEVERITY&gt;ISODATE TEXT</c>; <c>iso</c>: <c>ISODATE TEXT</c>; <c>raw</c>: <c>TEXT</c>.</item>
/// </list>
/// PRI is facility * 8 + severity (RFC 5424 section 6.2.1). The whole message is cut to <c>maxLength</c> bytes.
/// </summary>
internal static class SyslogFrameFormatter
{
    private static readonly byte[] Months = "JanFebMarAprMayJunJulAugSepOctNovDec"u8.ToArray();

    /// <summary>Writes header and text, at most <paramref name="maxLength"/> bytes, and returns the length written.</summary>
    public static int Write(Span<byte> destination, in SyslogHeader header, ReadOnlySpan<byte> text, int maxLength)
    {
        var buffer = destination[..Math.Min(destination.Length, maxLength)];
        var n = WriteHeader(buffer, header);
        var copied = Math.Min(text.Length, buffer.Length - n);
        text[..copied].CopyTo(buffer[n..]);
        return n + copied;
    }

    private static int WriteHeader(Span<byte> d, in SyslogHeader h)
    {
        var pri = ((int)h.Facility * 8) + (int)h.Severity;
        var n = 0;
        switch (h.Format)
        {
            case SyslogFormat.Local or SyslogFormat.Rfc3164:
                n += Angle(d, pri);
                n += Rfc3164Time(d[n..], h.Timestamp);
                if (h.Format == SyslogFormat.Rfc3164)
                {
                    n += Text(d[n..], h.Identity.Rfc3164Hostname);
                    n += Ascii(d[n..], " "u8);
                }

                // RFC 3164 section 5.3: TAG, then the PID in brackets, then a colon and a space.
                n += Text(d[n..], h.Identity.Tag);
                n += Ascii(d[n..], "["u8);
                n += Number(d[n..], h.ProcessId);
                n += Ascii(d[n..], "]: "u8);
                break;
            case SyslogFormat.Rfc5424:
                n += Angle(d, pri);
                n += Ascii(d[n..], "1 "u8);
                n += IsoTime(d[n..], h.Timestamp);
                n += Text(d[n..], h.Identity.Rfc5424Hostname);
                n += Ascii(d[n..], " "u8);
                n += Text(d[n..], h.Identity.Tag);
                n += Ascii(d[n..], " "u8);
                n += Number(d[n..], h.ProcessId);
                n += Ascii(d[n..], " "u8);
                n += Text(d[n..], h.MessageId);
                n += Ascii(d[n..], " - "u8);
                break;
            case SyslogFormat.Priority:
                n += Angle(d, pri);
                break;
            case SyslogFormat.Short:
                n += Angle(d, (int)h.Severity);
                break;
            case SyslogFormat.Timed:
                n += Angle(d, (int)h.Severity);
                n += IsoTime(d[n..], h.Timestamp);
                break;
            case SyslogFormat.Iso:
                n += IsoTime(d, h.Timestamp);
                break;
        }

        return n;
    }

    private static int Angle(Span<byte> d, int value)
    {
        var n = Ascii(d, "<"u8);
        n += Number(d[n..], value);
        return n + Ascii(d[n..], ">"u8);
    }

    /// <summary>RFC 3164 section 4.1.2: <c>Mmm dd hh:mm:ss </c>, a day below 10 padded with a space.</summary>
    private static int Rfc3164Time(Span<byte> d, DateTimeOffset t)
    {
        if (d.Length < 16)
        {
            return 0;
        }

        Months.AsSpan((t.Month - 1) * 3, 3).CopyTo(d);
        d[3] = (byte)' ';
        d[4] = t.Day < 10 ? (byte)' ' : (byte)('0' + (t.Day / 10));
        d[5] = (byte)('0' + (t.Day % 10));
        d[6] = (byte)' ';
        Two(d[7..], t.Hour);
        d[9] = (byte)':';
        Two(d[10..], t.Minute);
        d[12] = (byte)':';
        Two(d[13..], t.Second);
        d[15] = (byte)' ';
        return 16;
    }

    /// <summary>RFC 5424 section 6.2.3 (RFC 3339): <c>YYYY-MM-DDThh:mm:ss.ffffff+hh:mm </c>, microseconds as HAProxy.</summary>
    private static int IsoTime(Span<byte> d, DateTimeOffset t) =>
        t.TryFormat(d, out var n, "yyyy-MM-dd'T'HH:mm:ss.ffffffzzz ", CultureInfo.InvariantCulture) ? n : 0;

    private static void Two(Span<byte> d, int value)
    {
        d[0] = (byte)('0' + (value / 10));
        d[1] = (byte)('0' + (value % 10));
    }

    private static int Number(Span<byte> d, int value) => value.TryFormat(d, out var n, default, CultureInfo.InvariantCulture) ? n : 0;

    private static int Ascii(Span<byte> d, ReadOnlySpan<byte> text) => text.TryCopyTo(d) ? text.Length : 0;

    private static int Text(Span<byte> d, string text) => Encoding.UTF8.TryGetBytes(text, d, out var n) ? n : 0;
}
