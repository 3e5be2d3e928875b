namespace Appliance.ProxyCore.Logging;

/// <summary>
/// <c>option httplog</c>'s line (configuration manual 8.2.3), byte for byte as HAProxy 2.6 writes it:
/// <see cref="LogLineFormat.HttpLogText"/>; without header captures the empty <c>%hr %hs</c> leave one space.
/// </summary>
public static class HttpLogFormatter
{
    /// <summary>Writes the line into <paramref name="destination"/> (cut when it does not fit) and returns its length.</summary>
    /// <param name="record">The transaction.</param>
    /// <param name="zone">The time zone of the request date (HAProxy logs local time).</param>
    /// <param name="destination">The buffer; a line is rarely over 300 bytes plus the request line.</param>
    public static int Format(in HttpAccessRecord record, TimeZoneInfo zone, Span<byte> destination) =>
        LogLineFormat.HttpLog.Format(record, zone, destination);
}
