namespace Appliance.ProxyCore.Forwarding.Http.Parsing;

/// <summary>What the chunked decoder's passthrough does with a trailer section (RFC 9112 §7.1.2).</summary>
public enum TrailerHandling
{
    /// <summary>Validate the trailer fields and forward them unchanged (the default: RFC 9110 §6.5 lets a proxy forward them).</summary>
    Forward,

    /// <summary>Validate the trailer fields and leave them out; the forwarded body ends with <c>0\r\n\r\n</c>-style framing.</summary>
    Drop,
}
