namespace Appliance.ProxyCore.Logging;

/// <summary>
/// <c>option tcplog</c>'s line (configuration manual 8.2.2), byte for byte as HAProxy 2.6 writes it:
/// <see cref="LogLineFormat.TcpLogText"/>.
/// </summary>
public static class TcpLogFormatter
{
    /// <summary>Writes the line for a TCP connection and returns its length (cut when it does not fit).</summary>
    /// <param name="record">The connection.</param>
    /// <param name="zone">The time zone of the accept date (HAProxy logs local time).</param>
    /// <param name="destination">The buffer.</param>
    public static int Format(in TcpAccessRecord record, TimeZoneInfo zone, Span<byte> destination) =>
        LogLineFormat.TcpLog.Format(HttpAccessRecord.From(record), zone, destination);

    /// <summary>
    /// Writes the tcplog line of an HTTP transaction (<c>option tcplog</c> on an HTTP frontend): the request date stands
    /// for <c>%t</c> and the active time for <c>%Tt</c>, which match HAProxy's on a connection's first request.
    /// </summary>
    public static int Format(in HttpAccessRecord record, TimeZoneInfo zone, Span<byte> destination) =>
        LogLineFormat.TcpLog.Format(record, zone, destination);
}
