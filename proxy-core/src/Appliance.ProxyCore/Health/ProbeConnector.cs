using System.Net;
using System.Net.Sockets;

namespace Appliance.ProxyCore.Health;

/// <summary>The connect step shared by every probe: resolve if needed, connect, map failures to HAProxy's statuses.</summary>
internal static class ProbeConnector
{
    /// <summary>Connects, or returns the failure as a result; a timeout is reported, shutdown is thrown.</summary>
    public static async ValueTask<(Socket? Socket, ProbeResult Failure)> ConnectAsync(CheckTarget target, IHostResolver resolver, CheckDeadline deadline)
    {
        IPAddress address;
        if (target.Address is { } known)
        {
            address = known;
        }
        else
        {
            try
            {
                var addresses = await resolver.ResolveAsync(target.Host, deadline.Token).ConfigureAwait(false);
                if (addresses.Length == 0)
                {
                    return (null, ProbeResult.Layer4ConnectionProblem($"cannot resolve '{target.Host}': no address"));
                }

                address = addresses[0];
            }
            catch (OperationCanceledException) when (deadline.TimedOut)
            {
                return (null, ProbeResult.Layer4Timeout());
            }
            catch (SocketException ex)
            {
                return (null, ProbeResult.Layer4ConnectionProblem($"cannot resolve '{target.Host}': {ex.Message}"));
            }
        }

        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(new IPEndPoint(address, target.Port), deadline.Token).ConfigureAwait(false);
            return (socket, default);
        }
        catch (OperationCanceledException) when (deadline.TimedOut)
        {
            socket.Dispose();
            return (null, ProbeResult.Layer4Timeout());
        }
        catch (SocketException ex)
        {
            socket.Dispose();
            return (null, ex.SocketErrorCode == SocketError.TimedOut
                ? ProbeResult.Layer4Timeout()
                : ProbeResult.Layer4ConnectionProblem(ErrorText(ex)));
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>strerror()'s words, which HAProxy prints as <c>info</c>, for the errors a check meets.</summary>
    public static string ErrorText(SocketException ex) => ex.SocketErrorCode switch
    {
        SocketError.ConnectionRefused => "Connection refused",
        SocketError.ConnectionReset => "Connection reset by peer",
        SocketError.HostUnreachable => "No route to host",
        SocketError.NetworkUnreachable => "Network is unreachable",
        SocketError.TimedOut => "Connection timed out",
        SocketError.AddressNotAvailable => "Cannot assign requested address",
        SocketError.Shutdown or SocketError.ConnectionAborted => "Broken pipe",
        _ => ex.Message,
    };
}
