namespace Appliance.ProxyCore.Health;

/// <summary>Where a server stands in HAProxy's rise/fall counter; each phase has its own check interval.</summary>
public enum CheckPhase
{
    /// <summary>UP 100%: the counter is full; checks run every <c>inter</c>.</summary>
    Up = 0,

    /// <summary>Still UP, but failures were seen (or not yet checked since start-up); checks run every <c>fastinter</c>.</summary>
    GoingDown = 1,

    /// <summary>DOWN, but successes were seen; checks run every <c>fastinter</c>.</summary>
    GoingUp = 2,

    /// <summary>DOWN 100%: the counter is empty; checks run every <c>downinter</c>.</summary>
    Down = 3,
}
