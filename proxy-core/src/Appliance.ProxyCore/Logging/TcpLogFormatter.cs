namespace Appliance.ProxyCore.Logging;

/// <summary>
/// <c>option tcplog</c>'s line (configuration manual 8.2.2), byte for byte as HAProxy 2.6 writes it:
/// <c>%ci:%cp [%t] %ft %b/%s %Tw/%Tc/%Tt %B %ts %ac/%fc/%bc/%sc/%rc %sq/%bq</c>.
/// </summary>
public static class TcpLogFormatter
{
    /// <summary>Writes the line for a TCP connection and returns its length (cut when it does not fit).</summary>
    /// <param name="record">The connection.</param>
    /// <param name="zone">The time zone of the accept date (HAProxy logs local time).</param>
    /// <param name="destination">The buffer.</param>
    public static int Format(in TcpAccessRecord record, TimeZoneInfo zone, Span<byte> destination)
    {
        var w = new LogLineWriter(destination);
        Head(ref w, record.Client, TimeZoneInfo.ConvertTime(record.AcceptDate, zone), record.Frontend, record.FrontendTls, record.Backend, record.Server);
        Timers(ref w, record.QueueTime, record.ConnectTime, record.TotalTime);
        Tail(ref w, record.BytesRead, record.Termination);
        LogFields.Counters(
            ref w,
            record.ActiveConnections,
            record.FrontendConnections,
            record.BackendConnections,
            record.ServerConnections,
            record.Retries,
            record.Redispatched);
        Queues(ref w, record.ServerQueue, record.BackendQueue);
        return w.Written;
    }

    /// <summary>
    /// Writes the tcplog line of an HTTP transaction (<c>option tcplog</c> on an HTTP frontend): the request date stands
    /// for <c>%t</c> and the active time for <c>%Tt</c>, which match HAProxy's on a connection's first request.
    /// </summary>
    public static int Format(in HttpAccessRecord record, TimeZoneInfo zone, Span<byte> destination)
    {
        var w = new LogLineWriter(destination);
        Head(ref w, record.Client, TimeZoneInfo.ConvertTime(record.RequestDate, zone), record.Frontend, record.FrontendTls, record.Backend, record.Server);
        Timers(ref w, record.QueueTime, record.ConnectTime, record.ActiveTime);
        Tail(ref w, record.BytesRead, record.Termination);
        LogFields.Counters(
            ref w,
            record.ActiveConnections,
            record.FrontendConnections,
            record.BackendConnections,
            record.ServerConnections,
            record.Retries,
            record.Redispatched);
        Queues(ref w, record.ServerQueue, record.BackendQueue);
        return w.Written;
    }

    private static void Head(ref LogLineWriter w, System.Net.IPEndPoint client, DateTimeOffset date, string frontend, bool tls, string? backend, string? server)
    {
        w.EndPoint(client);
        w.Literal(" ["u8);
        w.LogDate(date);
        w.Literal("] "u8);
        LogFields.FrontendBackendServer(ref w, frontend, tls, backend, server);
        w.Byte((byte)' ');
    }

    private static void Timers(ref LogLineWriter w, int queue, int connect, int total)
    {
        w.Number(queue);
        w.Byte((byte)'/');
        w.Number(connect);
        w.Byte((byte)'/');
        w.Number(total);
        w.Byte((byte)' ');
    }

    private static void Tail(ref LogLineWriter w, long bytesRead, TerminationState termination)
    {
        w.Number(bytesRead);
        w.Byte((byte)' ');
        LogFields.Termination(ref w, termination, http: false);
        w.Byte((byte)' ');
    }

    private static void Queues(ref LogLineWriter w, int server, int backend)
    {
        w.Byte((byte)' ');
        w.Number(server);
        w.Byte((byte)'/');
        w.Number(backend);
    }
}
