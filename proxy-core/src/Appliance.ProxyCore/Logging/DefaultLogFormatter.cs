using System.Net;

namespace Appliance.ProxyCore.Logging;

/// <summary>
/// HAProxy's line when a frontend has neither <c>option tcplog</c> nor <c>option httplog</c> (configuration manual
/// 8.2.1): <c>Connect from CLIENT:PORT to ADDRESS:PORT (FRONTEND/MODE)</c>, MODE being <c>TCP</c> or <c>HTTP</c>.
/// </summary>
public static class DefaultLogFormatter
{
    /// <summary>Writes the line and returns its length (cut when it does not fit).</summary>
    /// <param name="client">The client's address.</param>
    /// <param name="destination">The address it connected to; null is written <c>-</c>.</param>
    /// <param name="frontend">The frontend's name.</param>
    /// <param name="http">True for an HTTP frontend.</param>
    /// <param name="buffer">The buffer.</param>
    public static int Format(IPEndPoint client, IPEndPoint? destination, string frontend, bool http, Span<byte> buffer)
    {
        var w = new LogLineWriter(buffer);
        w.Literal("Connect from "u8);
        w.EndPoint(client);
        w.Literal(" to "u8);
        w.EndPoint(destination);
        w.Literal(" ("u8);
        w.Text(frontend);
        w.Literal(http ? "/HTTP)"u8 : "/TCP)"u8);
        return w.Written;
    }
}
