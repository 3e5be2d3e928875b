using System.Net;

namespace Appliance.ProxyCore.Health;

/// <summary>The system resolver (<see cref="Dns"/>, i.e. getaddrinfo and /etc/hosts), HAProxy's <c>init-addr libc</c>.</summary>
public sealed class DnsHostResolver : IHostResolver
{
    public static DnsHostResolver Instance { get; } = new();

    public async ValueTask<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
}
