namespace Appliance.ProxyCore.Health;

/// <summary>How an agent exchange ended.</summary>
public enum AgentProbeOutcome
{
    /// <summary>A complete line arrived and was parsed.</summary>
    Replied = 0,

    /// <summary>
    /// No connection (refused, unreachable, timed out). HAProxy does not count this as an error: "connectivity is tested
    /// by the regular health check", so nothing changes.
    /// </summary>
    Unreachable = 1,

    /// <summary>Connected, but no usable line (closed before the line end, too long, timed out); nothing changes.</summary>
    NoUsableReply = 2,
}
