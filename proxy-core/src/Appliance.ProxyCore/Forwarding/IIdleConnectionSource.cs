using Appliance.ProxyCore.Model;

namespace Appliance.ProxyCore.Forwarding;

/// <summary>Idle server connections kept open between requests (HTTP keep-alive towards servers).</summary>
public interface IIdleConnectionSource
{
    /// <summary>Takes an idle, still-open connection to <paramref name="server"/>, or null.</summary>
    ServerSocket? TryTake(ServerModel server);

    /// <summary>Keeps <paramref name="socket"/> for reuse; false when the pool is full (the caller closes it).</summary>
    bool TryAdd(ServerModel server, ServerSocket socket);
}
