using Appliance.ProxyCore.Configuration;
using Appliance.ProxyCore.Model;

namespace Appliance.ProxyCore.Health;

/// <summary>A backend and the runtime models of its servers, the unit <see cref="HealthCheckService"/> watches.</summary>
/// <param name="Backend">The backend's configuration (timeouts, <c>option httpchk</c>).</param>
/// <param name="Servers">Its servers, whose <see cref="ServerModel.State"/> the checks update.</param>
public sealed record BackendServers(ProxyConfig Backend, IReadOnlyList<ServerModel> Servers);
