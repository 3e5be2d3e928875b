using Appliance.ProxyCore.Model;

namespace Appliance.ProxyCore.LoadBalancing;

/// <summary>Stateless: the lowest <see cref="ServerModel.Index"/> among the candidates that is not full.</summary>
internal sealed class FirstBalancer : ILoadBalancer
{
    public ServerModel Pick(IReadOnlyList<ServerModel> candidates, in BalanceContext context)
    {
        ServerModel? firstFree = null;
        var first = candidates[0];
        for (var i = 0; i < candidates.Count; i++)
        {
            var server = candidates[i];
            if (server.Index < first.Index)
            {
                first = server;
            }

            if (!server.State.IsFull && (firstFree is null || server.Index < firstFree.Index))
            {
                firstFree = server;
            }
        }

        // The selector passes only servers with free slots; one may fill up in between, and then the first server is as
        // good a place to wait as any.
        return firstFree ?? first;
    }
}
