using Appliance.ProxyCore.Configuration;

namespace Appliance.ProxyCore.Forwarding.Http;

/// <summary>
/// HAProxy's HTTP connection modes. The default keeps both sides alive; <c>option http-server-close</c> closes the
/// server side after each response; <c>option httpclose</c> closes both. When frontend and backend differ, the
/// stricter one applies (HAProxy's rule).
/// </summary>
public enum HttpConnectionMode
{
    KeepAlive = 0,
    ServerClose = 1,
    Close = 2,
}

/// <summary>Resolves <see cref="HttpConnectionMode"/> from a proxy's options.</summary>
public static class HttpConnectionModes
{
    public static HttpConnectionMode Of(ProxyConfig proxy) =>
        proxy.Options.Contains("httpclose") ? HttpConnectionMode.Close
        : proxy.Options.Contains("http-server-close") ? HttpConnectionMode.ServerClose
        : HttpConnectionMode.KeepAlive;

    public static HttpConnectionMode Combine(ProxyConfig frontend, ProxyConfig backend) =>
        (HttpConnectionMode)Math.Max((int)Of(frontend), (int)Of(backend));
}
