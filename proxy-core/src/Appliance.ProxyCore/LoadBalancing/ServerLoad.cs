using Appliance.ProxyCore.Model;

namespace Appliance.ProxyCore.LoadBalancing;

/// <summary>Compares servers by load relative to weight without division (cross-multiplication in 64 bits).</summary>
internal static class ServerLoad
{
    /// <summary>
    /// True when <paramref name="a"/> would be less loaded than <paramref name="b"/> after taking one more connection:
    /// (active+1)/weight, as HAProxy's leastconn orders its tree, so an idle heavy server is preferred over an idle light
    /// one and equal ratios tie. A weight of 0 (drained after filtering) counts as infinitely loaded.
    /// </summary>
    public static bool IsLessLoaded(ServerModel a, int weightA, ServerModel b, int weightB)
    {
        if (weightA <= 0)
        {
            return false;
        }

        if (weightB <= 0)
        {
            return true;
        }

        return (a.State.ActiveConnections + 1L) * weightB < (b.State.ActiveConnections + 1L) * weightA;
    }
}
