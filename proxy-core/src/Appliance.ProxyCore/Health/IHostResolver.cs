using System.Net;

namespace Appliance.ProxyCore.Health;

/// <summary>Resolves a server's host name for a check; the seam that keeps DNS out of unit tests.</summary>
public interface IHostResolver
{
    /// <summary>Returns the addresses of <paramref name="host"/>, best first; throws <see cref="System.Net.Sockets.SocketException"/> when it has none.</summary>
    ValueTask<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken);
}
