namespace Appliance.Host.Logging;

/// <summary>How a transport separates messages.</summary>
internal enum SyslogFraming
{
    /// <summary>One message per datagram or line, ended by LF as HAProxy sends them (UDP, UNIX sockets, streams).</summary>
    NewlineTerminated,

    /// <summary><c>MSG-LEN SP SYSLOG-MSG</c> on a stream (RFC 6587 section 3.4.1).</summary>
    OctetCounted,
}
