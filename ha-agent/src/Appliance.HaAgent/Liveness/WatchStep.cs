namespace Appliance.HaAgent.Liveness;

/// <summary>What the liveness monitor must do next, decided by <see cref="MasterProcessWatch"/>.</summary>
public enum WatchStep
{
    /// <summary>Nothing: hold or re-open the liveness connection as usual.</summary>
    Nothing,

    /// <summary>Probe the master's port once with a short connect timeout.</summary>
    Probe,

    /// <summary>Wait <see cref="MasterLivenessMonitor.Poll"/>, then probe (a server that keeps closing connections at once).</summary>
    PauseThenProbe,

    /// <summary>Report the master's process gone to the driver.</summary>
    ReportGone,
}
