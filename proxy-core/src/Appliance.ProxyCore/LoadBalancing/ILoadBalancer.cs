using Appliance.ProxyCore.Model;

namespace Appliance.ProxyCore.LoadBalancing;

/// <summary>
/// One backend's instance of an algorithm. <see cref="Pick"/> is called concurrently from many connections; the
/// candidates are the servers that may take a new connection now (usable, not full), never empty.
/// </summary>
public interface ILoadBalancer
{
    ServerModel Pick(IReadOnlyList<ServerModel> candidates, in BalanceContext context);
}
