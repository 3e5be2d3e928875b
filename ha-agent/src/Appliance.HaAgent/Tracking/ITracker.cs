namespace Appliance.HaAgent.Tracking;

/// <summary>
/// Something whose failure lowers this node's priority: an interface's link, a script, the local proxy. The driver
/// sums <see cref="Weight"/> over failed trackers, feeds <c>EffectivePriority.Compute</c> and passes the result to
/// <c>VrrpStateMachine.SetPriority</c>; the tracker itself applies rise/fall before it reports a change.
/// </summary>
public interface ITracker
{
    /// <summary>What is tracked, for events: <c>interface eth0</c>, <c>script chk_dns</c>, <c>proxy</c>.</summary>
    string Name { get; }

    /// <summary>Subtracted from the priority while failed, 1..254.</summary>
    int Weight { get; }

    /// <summary>True while healthy. A tracker starts healthy until it has evidence otherwise.</summary>
    bool IsHealthy { get; }

    /// <summary>Raised after <see cref="IsHealthy"/> changed, on the tracker's own thread; handlers must not block.</summary>
    event EventHandler? HealthChanged;
}
