using System.Net.Sockets;
using Appliance.ProxyCore.Diagnostics;
using Appliance.ProxyCore.Model;
using Microsoft.Extensions.Logging;

namespace Appliance.ProxyCore;

/// <summary>Resolves servers declared by host name (HAProxy's <c>init-addr libc</c>), at start and at each reload.</summary>
internal static class ServerAddressResolver
{
    public static async Task ResolveAsync(ProxyRuntime runtime, ProxyEngineOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        foreach (var backend in runtime.Backends.Values)
        {
            foreach (var server in backend.Servers)
            {
                if (server.Address is not null)
                {
                    continue;
                }

                try
                {
                    var addresses = await options.ResolveHost(server.Config.Host, cancellationToken).ConfigureAwait(false);
                    server.Address = addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses.FirstOrDefault();
                }
                catch (SocketException ex)
                {
                    ProxyLog.ResolveFailed(logger, backend.Name, server.Name, server.Config.Host, ex.Message);
                }

                if (server.Address is null)
                {
                    // HAProxy refuses to start on an unresolvable server unless init-addr allows it; we keep serving
                    // with the server marked down so one bad name does not take the whole node down.
                    server.State.SetHealth(ServerHealth.Down, options.TimeProvider.GetTimestamp());
                }
            }
        }
    }
}
