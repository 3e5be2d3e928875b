using System.Net.Sockets;

namespace Appliance.ProxyCore.Forwarding.Http;

/// <summary>
/// An idle keep-alive connection's place in an <see cref="IdleDeadlines"/> list (the list's links live here, so waiting
/// allocates nothing). When its deadline passes, the list marks it <see cref="Expired"/> and shuts the receiving side of
/// its socket, which completes the connection's pending zero-byte read.
/// </summary>
internal sealed class IdleWait(Socket socket)
{
    /// <summary>True when the deadline passed before the wait was removed from its list.</summary>
    public bool Expired { get; set; }

    /// <summary>When the wait expires (in <see cref="TimeProvider.GetTimestamp"/> units).</summary>
    public long Deadline { get; set; }

    public IdleWait? Previous { get; set; }

    public IdleWait? Next { get; set; }

    /// <summary>Wakes the connection's pending read: the receiving side ends, the read completes with nothing.</summary>
    public void Wake()
    {
        try
        {
            socket.Shutdown(SocketShutdown.Receive);
        }
        catch (Exception ex) when (ex is ObjectDisposedException or SocketException)
        {
            // The connection ended meanwhile.
        }
    }
}
