using Appliance.ProxyCore.Model;

namespace Appliance.ProxyCore.LoadBalancing;

/// <summary>
/// Smooth weighted round-robin (the nginx scheme, which gives the same interleaving as HAProxy's lb_fwrr without its
/// trees): every pick adds each candidate's weight to its running credit, takes the candidate with the most credit and
/// charges it the total. Weights 3:1 give <c>a a b a</c>, never <c>a a a b</c>. Shared by <c>roundrobin</c>,
/// <c>static-rr</c> and the round-robin fallback of the hash algorithms.
/// <para>
/// An absent server (down, drained, full) keeps its credit frozen. Every pick adds and removes the same total, so the
/// credits of all servers always sum to zero and exact proportions resume as soon as the candidate set is whole again.
/// </para>
/// </summary>
internal sealed class SmoothWeightedRoundRobin
{
    // One tiny lock per backend: the loop under it touches only the candidates, and a lock-free variant would need a
    // CAS per candidate per pick, which costs more than the uncontended lock it replaces.
    private readonly Lock _gate = new();
    private readonly bool _configuredWeights;
    private long[] _credit;

    /// <param name="serverCount">The backend's server count; per-server state is indexed by <see cref="ServerModel.Index"/>.</param>
    /// <param name="configuredWeights">
    /// True for static algorithms (weights as configured, runtime changes ignored); false to read
    /// <see cref="ServerState.EffectiveWeight"/> at every pick.
    /// </param>
    public SmoothWeightedRoundRobin(int serverCount, bool configuredWeights)
    {
        _configuredWeights = configuredWeights;
        _credit = new long[Math.Max(serverCount, 1)];
    }

    public ServerModel Pick(IReadOnlyList<ServerModel> candidates)
    {
        lock (_gate)
        {
            long total = 0;
            var best = -1;
            var bestCredit = long.MinValue;
            for (var i = 0; i < candidates.Count; i++)
            {
                var server = candidates[i];
                var weight = _configuredWeights ? server.State.ConfiguredWeight : server.State.EffectiveWeight;
                if (weight <= 0)
                {
                    continue;
                }

                var index = server.Index;
                if (index >= _credit.Length)
                {
                    Grow(index);
                }

                var credit = _credit[index] += weight;
                total += weight;
                if (credit > bestCredit)
                {
                    bestCredit = credit;
                    best = i;
                }
            }

            if (best < 0)
            {
                // Every candidate's weight dropped to 0 after the selector filtered them: any of them is acceptable.
                return candidates[0];
            }

            var chosen = candidates[best];
            _credit[chosen.Index] -= total;
            return chosen;
        }
    }

    private void Grow(int index)
    {
        var size = Math.Max(index + 1, _credit.Length * 2);
        Array.Resize(ref _credit, size);
    }
}
