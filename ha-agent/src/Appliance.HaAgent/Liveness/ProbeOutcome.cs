namespace Appliance.HaAgent.Liveness;

/// <summary>How one connect probe to the master's port ended.</summary>
public enum ProbeOutcome
{
    /// <summary>The master's host answered RST: its kernel runs but nothing listens on the port (the process is gone).</summary>
    Refused,

    /// <summary>The connection was accepted: the process is alive.</summary>
    Accepted,

    /// <summary>No answer within the probe timeout: host dead, partitioned or busy; says nothing.</summary>
    TimedOut,

    /// <summary>Any other error (unreachable, no route): says nothing.</summary>
    Failed,
}
