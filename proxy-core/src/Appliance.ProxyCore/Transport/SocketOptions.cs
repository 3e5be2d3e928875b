using System.Net.Sockets;

namespace Appliance.ProxyCore.Transport;

/// <summary>Linux socket options the BCL does not name.</summary>
internal static class SocketOptions
{
    // <linux/in.h>: SOL_IP = 0, IP_FREEBIND = 15.
    private const int SolIp = 0;
    private const int IpFreeBind = 15;

    /// <summary>
    /// Allows binding an address the host does not own yet, so a backup node listens on the floating IP before it
    /// becomes master and a takeover needs no rebind. Ignored where the option is not supported.
    /// </summary>
    public static void TrySetFreeBind(Socket socket)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        try
        {
            socket.SetRawSocketOption(SolIp, IpFreeBind, BitConverter.GetBytes(1));
        }
        catch (SocketException)
        {
        }
    }
}
