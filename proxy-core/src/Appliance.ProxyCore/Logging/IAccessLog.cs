namespace Appliance.ProxyCore.Logging;

/// <summary>
/// The access log as the forwarder sees it: one call per HTTP transaction or TCP connection when it ends. The
/// implementation picks the frontend's format (<c>option httplog</c>, <c>tcplog</c> or HAProxy's default line), applies
/// <c>option dontlognull</c> and <c>log-separate-errors</c>, formats the line into a pooled buffer and queues it to the
/// frontend's targets; it never blocks and allocates nothing per line.
/// </summary>
public interface IAccessLog
{
    /// <summary>True when <paramref name="frontend"/> has at least one log target; when false, skip building the record.</summary>
    bool IsEnabled(string frontend);

    /// <summary>The header captures of <paramref name="frontend"/> (<see cref="HeaderCaptures.None"/> when it logs nothing).</summary>
    HeaderCaptures CapturesOf(string frontend);

    /// <summary>Logs one HTTP transaction of the frontend named by <see cref="HttpAccessRecord.Frontend"/>.</summary>
    void Write(in HttpAccessRecord record);

    /// <summary>Logs one TCP connection of the frontend named by <see cref="TcpAccessRecord.Frontend"/>.</summary>
    void Write(in TcpAccessRecord record);
}
