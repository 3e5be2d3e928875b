namespace Appliance.ProxyCore.Forwarding.Http.Parsing;

/// <summary>The Connection options the proxy acts on (RFC 9110 §7.6.1, RFC 9112 §9.3); other tokens are only forwarded-or-removed.</summary>
[Flags]
public enum ConnectionOptions
{
    None = 0,
    Close = 1,
    KeepAlive = 2,
    Upgrade = 4,
}
