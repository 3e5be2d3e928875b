using System.Net;

namespace Appliance.ProxyCore.Acl;

/// <summary>
/// What ACLs, rules and log formats read of a client connection and its current request. The forwarder implements
/// it over its parsed head (decoding the head's bytes as Latin-1 into a per-connection buffer); TCP-mode proxies
/// implement the connection part only and report <see cref="IsHttp"/> false, an empty request line and no headers.
/// Spans stay valid until the request is modified or the next request is parsed.
/// </summary>
public interface IHttpRequestView : IHttpHeaders
{
    /// <summary>The client's address (<c>src</c>, <c>%ci</c>).</summary>
    IPAddress ClientAddress { get; }

    /// <summary>The client's port (<c>src_port</c>, <c>%cp</c>).</summary>
    int ClientPort { get; }

    /// <summary>The local address the client connected to (<c>dst</c>, <c>%fi</c>).</summary>
    IPAddress FrontendAddress { get; }

    /// <summary>The local port the client connected to (<c>dst_port</c>, <c>%fp</c>).</summary>
    int FrontendPort { get; }

    /// <summary>True when the client connection is TLS terminated here (<c>ssl_fc</c>).</summary>
    bool IsTls { get; }

    /// <summary>The TLS server name the client sent (<c>ssl_fc_sni</c>); empty without TLS or without SNI.</summary>
    ReadOnlySpan<char> SniHost { get; }

    /// <summary>True when an HTTP request was parsed (HAProxy's <c>req.proto_http</c>); false in TCP mode.</summary>
    bool IsHttp { get; }

    /// <summary>The method as sent, e.g. <c>GET</c>; empty when <see cref="IsHttp"/> is false.</summary>
    ReadOnlySpan<char> Method { get; }

    /// <summary>The request-target as received (origin form <c>/a?b</c>, or absolute form); empty in TCP mode.</summary>
    ReadOnlySpan<char> Url { get; }

    /// <summary>The protocol version without the <c>HTTP/</c> prefix, e.g. <c>1.1</c>; empty in TCP mode.</summary>
    ReadOnlySpan<char> Version { get; }
}
