using Appliance.ProxyCore.Model;

namespace Appliance.ProxyCore.LoadBalancing;

/// <summary>
/// Weighted draws over the effective weights, keeping the least loaded draw (active/weight); on equal load the
/// earlier draw wins, so with no connections the result is plain weighted random.
/// </summary>
internal sealed class RandomBalancer : ILoadBalancer
{
    private readonly int _draws;
    private readonly Func<int, int> _nextBelow;

    public RandomBalancer(int draws, Func<int, int> nextBelow)
    {
        _draws = draws;
        _nextBelow = nextBelow;
    }

    public ServerModel Pick(IReadOnlyList<ServerModel> candidates, in BalanceContext context)
    {
        long total = 0;
        for (var i = 0; i < candidates.Count; i++)
        {
            total += Math.Max(candidates[i].State.EffectiveWeight, 0);
        }

        // Weights fit in 0..256 per server, so any realistic total fits the int the random source takes.
        var bound = (int)Math.Min(total, int.MaxValue);
        ServerModel? best = null;
        var bestWeight = 0;
        for (var draw = 0; draw < _draws; draw++)
        {
            var server = bound == 0 ? candidates[_nextBelow(candidates.Count)] : Draw(candidates, _nextBelow(bound));
            var weight = server.State.EffectiveWeight;
            if (best is null || ServerLoad.IsLessLoaded(server, weight, best, bestWeight))
            {
                best = server;
                bestWeight = weight;
            }
        }

        return best ?? candidates[0];
    }

    private static ServerModel Draw(IReadOnlyList<ServerModel> candidates, int point)
    {
        for (var i = 0; i < candidates.Count; i++)
        {
            var weight = Math.Max(candidates[i].State.EffectiveWeight, 0);
            if (point < weight)
            {
                return candidates[i];
            }

            point -= weight;
        }

        // A weight dropped between summing and drawing: the last candidate absorbs the difference.
        return candidates[candidates.Count - 1];
    }
}
