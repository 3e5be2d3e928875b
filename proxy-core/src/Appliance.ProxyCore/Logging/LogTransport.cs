namespace Appliance.ProxyCore.Logging;

/// <summary>How a <c>log</c> target is reached.</summary>
public enum LogTransport
{
    /// <summary>UDP datagrams (<c>IP[:PORT]</c> or <c>udp@IP[:PORT]</c>; port 514 by default), one line each.</summary>
    Udp,

    /// <summary>A TCP stream (<c>tcp@IP:PORT</c>) with octet-counted framing (RFC 6587 section 3.4.1).</summary>
    Tcp,

    /// <summary>A local UNIX datagram socket such as <c>/dev/log</c>.</summary>
    UnixDatagram,

    /// <summary>The process's standard output, one line each.</summary>
    Stdout,

    /// <summary>The process's standard error, one line each.</summary>
    Stderr,
}
