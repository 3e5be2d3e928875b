using Appliance.ProxyCore.Model;

namespace Appliance.ProxyCore.LoadBalancing;

/// <summary>
/// HAProxy's <c>hash-type map-based</c>: the hash modulo the candidates' total weight designates a slot in a map where
/// each server owns as many slots as its weight. Weights are the configured ones, because map-based hashing is static in
/// HAProxy (a runtime weight change does not move clients; only leaving or joining the candidate set does).
/// </summary>
internal static class WeightedMap
{
    /// <summary>Deterministic for a given candidate set and order; walks the candidates, allocates nothing.</summary>
    public static ServerModel Pick(IReadOnlyList<ServerModel> candidates, uint hash)
    {
        long total = 0;
        for (var i = 0; i < candidates.Count; i++)
        {
            total += Math.Max(candidates[i].State.ConfiguredWeight, 0);
        }

        if (total == 0)
        {
            return candidates[(int)(hash % (uint)candidates.Count)];
        }

        var slot = hash % total;
        for (var i = 0; i < candidates.Count; i++)
        {
            var weight = Math.Max(candidates[i].State.ConfiguredWeight, 0);
            if (slot < weight)
            {
                return candidates[i];
            }

            slot -= weight;
        }

        return candidates[candidates.Count - 1];
    }
}
