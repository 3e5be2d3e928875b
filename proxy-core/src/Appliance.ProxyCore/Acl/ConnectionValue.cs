namespace Appliance.ProxyCore.Acl;

/// <summary>The connection-level values <see cref="ConnectionFetch"/> reads; usable in TCP and HTTP mode.</summary>
public enum ConnectionValue
{
    /// <summary><c>src</c>: the client address.</summary>
    Source,

    /// <summary><c>src_port</c>.</summary>
    SourcePort,

    /// <summary><c>dst</c>: the local address the client reached.</summary>
    Destination,

    /// <summary><c>dst_port</c>.</summary>
    DestinationPort,

    /// <summary><c>ssl_fc</c>: the client connection is TLS.</summary>
    SslFrontend,

    /// <summary><c>ssl_fc_sni</c> / <c>req.ssl_sni</c>: the TLS server name.</summary>
    SslSni,
}
