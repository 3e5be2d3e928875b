using System.Net;

namespace Appliance.ProxyCore.Forwarding.Http;

/// <summary>Facts about a client connection that rules, headers and logs use.</summary>
public sealed record HttpSessionInfo(IPEndPoint Client, IPEndPoint Frontend, bool IsTls, string FrontendName)
{
    /// <summary>The TLS server name the client asked for (empty without TLS or SNI).</summary>
    public string SniHost { get; init; } = string.Empty;

    public static HttpSessionInfo From(System.Net.Sockets.Socket socket, bool isTls, string frontendName, string? sniHost = null) => new(
        socket.RemoteEndPoint as IPEndPoint ?? new IPEndPoint(IPAddress.None, 0),
        socket.LocalEndPoint as IPEndPoint ?? new IPEndPoint(IPAddress.None, 0),
        isTls,
        frontendName)
    {
        SniHost = sniHost ?? string.Empty,
    };
}
