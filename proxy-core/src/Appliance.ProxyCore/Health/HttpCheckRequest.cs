using System.Net;
using System.Net.Sockets;
using System.Text;
using Appliance.ProxyCore.Configuration;

namespace Appliance.ProxyCore.Health;

/// <summary>Builds the request of <c>option httpchk [METHOD] [URI] [VERSION]</c>.</summary>
public static class HttpCheckRequest
{
    /// <summary>
    /// <c>METHOD URI VERSION</c>, a <c>Host</c> header when one is configured or the version is HTTP/1.1 (HTTP/1.1
    /// requires it, and this appliance refuses to send a 1.1 request without it; the server's host is used then), and
    /// <c>Connection: close</c> so the server ends the exchange after its answer.
    /// </summary>
    /// <param name="check">The backend's check settings.</param>
    /// <param name="serverHost">The server's host as configured, used for <c>Host</c> when none is configured.</param>
    public static byte[] Build(HttpCheckConfig check, string serverHost)
    {
        var request = new StringBuilder();
        request.Append(check.Method).Append(' ').Append(check.Uri).Append(' ').Append(check.Version).Append("\r\n");
        var host = check.Host ?? (check.Version.Equals("HTTP/1.1", StringComparison.OrdinalIgnoreCase) ? HostHeaderValue(serverHost) : null);
        if (host is not null)
        {
            request.Append("Host: ").Append(host).Append("\r\n");
        }

        request.Append("Connection: close\r\n\r\n");
        return Encoding.Latin1.GetBytes(request.ToString());
    }

    private static string HostHeaderValue(string host) =>
        IPAddress.TryParse(host, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{host}]" : host;
}
