using Appliance.ProxyCore.Model;

namespace Appliance.ProxyCore.LoadBalancing;

/// <summary>
/// Compares servers by active connections relative to weight without division (cross-multiplication in 64 bits). A
/// weight of 0 (drained after the selector filtered) counts as infinitely loaded.
/// </summary>
internal static class ServerLoad
{
    /// <summary>
    /// True when <paramref name="a"/> would be less loaded than <paramref name="b"/> after taking one more connection:
    /// (active+1)/weight, the key HAProxy's leastconn orders its tree by, so an idle heavy server is preferred over an
    /// idle light one and connections end up proportional to weight.
    /// </summary>
    public static bool IsLessLoadedWithNext(ServerModel a, int weightA, ServerModel b, int weightB) =>
        Compare(a.State.ActiveConnections + 1L, weightA, b.State.ActiveConnections + 1L, weightB);

    /// <summary>
    /// True when active/weight of <paramref name="a"/> is lower. Used where the weight was already applied to choose
    /// the contenders (random draws), so idle servers tie instead of the weight counting twice.
    /// </summary>
    public static bool IsLessLoaded(ServerModel a, int weightA, ServerModel b, int weightB) =>
        Compare(a.State.ActiveConnections, weightA, b.State.ActiveConnections, weightB);

    private static bool Compare(long loadA, int weightA, long loadB, int weightB)
    {
        if (weightA <= 0)
        {
            return false;
        }

        if (weightB <= 0)
        {
            return true;
        }

        return loadA * weightB < loadB * weightA;
    }
}
