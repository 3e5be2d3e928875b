namespace Appliance.ProxyCore.Forwarding.Http.Parsing;

/// <summary>
/// The request methods the proxy treats specially (RFC 9110 §9). Methods are case-sensitive tokens: <c>get</c> is a
/// valid but unknown method, so it is <see cref="Other"/> and forwarded as-is.
/// </summary>
public enum HttpMethodKind
{
    /// <summary>Any other valid method token (including lower-case spellings of the ones below).</summary>
    Other = 0,
    Get,
    Head,
    Post,
    Put,
    Delete,
    Connect,
    Options,
    Trace,
    Patch,
}
