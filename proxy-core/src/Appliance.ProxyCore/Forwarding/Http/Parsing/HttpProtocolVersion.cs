namespace Appliance.ProxyCore.Forwarding.Http.Parsing;

/// <summary>The HTTP versions the parsers accept (RFC 9112 §2.3); anything else is refused.</summary>
public enum HttpProtocolVersion
{
    Http10 = 10,
    Http11 = 11,
}
