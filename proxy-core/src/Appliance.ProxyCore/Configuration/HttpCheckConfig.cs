namespace Appliance.ProxyCore.Configuration;

/// <summary>
/// <c>option httpchk [METHOD] [URI] [VERSION]</c> with <c>http-check expect status N</c>. Defaults: <c>OPTIONS / HTTP/1.0</c>;
/// without an expect rule any 2xx or 3xx status passes (HAProxy's rule).
/// </summary>
public sealed record HttpCheckConfig(string Method, string Uri, string Version, int? ExpectStatus, string? Host)
{
    public static HttpCheckConfig Default { get; } = new("OPTIONS", "/", "HTTP/1.0", null, null);
}
