using Appliance.ProxyCore.Model;

namespace Appliance.ProxyCore.LoadBalancing;

/// <summary>
/// Scans the candidates for the lowest (active+1)/weight. The scan starts at a rotating offset and keeps the first of
/// equals, so ties go round-robin (HAProxy: "round-robin is performed within groups of servers of the same load").
/// Lock-free: the only shared state is the offset.
/// </summary>
internal sealed class LeastConnBalancer : ILoadBalancer
{
    private uint _nextStart;

    public ServerModel Pick(IReadOnlyList<ServerModel> candidates, in BalanceContext context)
    {
        var count = candidates.Count;
        var start = (int)((Interlocked.Increment(ref _nextStart) - 1) % (uint)count);
        var best = candidates[start];
        var bestWeight = best.State.EffectiveWeight;
        for (var step = 1; step < count; step++)
        {
            var i = start + step;
            var server = candidates[i < count ? i : i - count];
            var weight = server.State.EffectiveWeight;
            if (ServerLoad.IsLessLoadedWithNext(server, weight, best, bestWeight))
            {
                best = server;
                bestWeight = weight;
            }
        }

        return best;
    }
}
