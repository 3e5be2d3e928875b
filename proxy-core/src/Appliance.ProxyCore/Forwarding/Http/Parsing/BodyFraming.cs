namespace Appliance.ProxyCore.Forwarding.Http.Parsing;

/// <summary>How a message's body is delimited (RFC 9112 §6.3). Requests only ever get None, ContentLength or Chunked.</summary>
public enum BodyFraming
{
    /// <summary>No body: a request without Content-Length or Transfer-Encoding, a response to HEAD, 1xx, 204, 304.</summary>
    None,

    /// <summary>Exactly <c>ContentLength</c> bytes follow the head (may be 0).</summary>
    ContentLength,

    /// <summary>The chunked coding follows; run it through <see cref="ChunkedDecoder"/>.</summary>
    Chunked,

    /// <summary>A response without a length: the body is everything until the server closes (RFC 9112 §6.3 item 8).</summary>
    ReadUntilClose,

    /// <summary>
    /// After this response the connection is a byte tunnel: a 2xx answer to CONNECT or a 101 Switching Protocols.
    /// </summary>
    Tunnel,
}
