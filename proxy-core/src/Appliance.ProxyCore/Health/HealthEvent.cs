using Appliance.ProxyCore.Model;

namespace Appliance.ProxyCore.Health;

/// <summary>Something the health checks did or saw, for the host to log; raised in the order it happened per server.</summary>
/// <param name="Backend">The backend's name.</param>
/// <param name="Server">The server concerned.</param>
/// <param name="Timestamp">When it happened, on the injected clock.</param>
public abstract record HealthEvent(string Backend, ServerModel Server, DateTimeOffset Timestamp);
