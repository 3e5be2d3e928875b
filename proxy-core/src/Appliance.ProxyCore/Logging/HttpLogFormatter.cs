namespace Appliance.ProxyCore.Logging;

/// <summary>
/// <c>option httplog</c>'s line (configuration manual 8.2.3), byte for byte as HAProxy 2.6 writes it without header
/// captures: <c>%ci:%cp [%tr] %ft %b/%s %TR/%Tw/%Tc/%Tr/%Ta %ST %B %CC %CS %tsc %ac/%fc/%bc/%sc/%rc %sq/%bq %{+Q}r</c>
/// (HAProxy drops the empty <c>%hr %hs</c> fields and their spaces when nothing is captured).
/// </summary>
public static class HttpLogFormatter
{
    /// <summary>Writes the line into <paramref name="destination"/> (cut when it does not fit) and returns its length.</summary>
    /// <param name="record">The transaction.</param>
    /// <param name="zone">The time zone of the request date (HAProxy logs local time).</param>
    /// <param name="destination">The buffer; a line is rarely over 300 bytes plus the request line.</param>
    public static int Format(in HttpAccessRecord record, TimeZoneInfo zone, Span<byte> destination)
    {
        var w = new LogLineWriter(destination);
        w.EndPoint(record.Client);
        w.Literal(" ["u8);
        w.LogDate(TimeZoneInfo.ConvertTime(record.RequestDate, zone));
        w.Literal("] "u8);
        LogFields.FrontendBackendServer(ref w, record.Frontend, record.FrontendTls, record.Backend, record.Server);
        w.Byte((byte)' ');
        w.Number(record.RequestTime);
        w.Byte((byte)'/');
        w.Number(record.QueueTime);
        w.Byte((byte)'/');
        w.Number(record.ConnectTime);
        w.Byte((byte)'/');
        w.Number(record.ResponseTime);
        w.Byte((byte)'/');
        w.Number(record.ActiveTime);
        w.Byte((byte)' ');
        w.Number(record.Status);
        w.Byte((byte)' ');
        w.Number(record.BytesRead);
        w.Byte((byte)' ');
        LogFields.Capture(ref w, record.RequestCookie);
        w.Byte((byte)' ');
        LogFields.Capture(ref w, record.ResponseCookie);
        w.Byte((byte)' ');
        LogFields.Termination(ref w, record.Termination, http: true);
        w.Byte((byte)' ');
        LogFields.Counters(
            ref w,
            record.ActiveConnections,
            record.FrontendConnections,
            record.BackendConnections,
            record.ServerConnections,
            record.Retries,
            record.Redispatched);
        w.Byte((byte)' ');
        w.Number(record.ServerQueue);
        w.Byte((byte)'/');
        w.Number(record.BackendQueue);
        w.Literal(" \""u8);
        if (record.RequestLine.IsEmpty)
        {
            w.Literal("<BADREQ>"u8);
        }
        else
        {
            w.Escaped(record.RequestLine);
        }

        w.Byte((byte)'"');
        return w.Written;
    }
}
