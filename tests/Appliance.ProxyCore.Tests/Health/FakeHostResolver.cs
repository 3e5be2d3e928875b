using System.Net;
using System.Net.Sockets;
using Appliance.ProxyCore.Health;

namespace Appliance.ProxyCore.Tests.Health;

/// <summary>A resolver with a fixed table; unknown names fail like getaddrinfo, and <see cref="Hang"/> never answers.</summary>
internal sealed class FakeHostResolver(Dictionary<string, IPAddress[]> table) : IHostResolver
{
    public bool Hang { get; init; }

    public async ValueTask<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        if (Hang)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        return table.TryGetValue(host, out var addresses) ? addresses : throw new SocketException((int)SocketError.HostNotFound);
    }
}
