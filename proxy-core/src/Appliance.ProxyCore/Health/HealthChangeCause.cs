namespace Appliance.ProxyCore.Health;

/// <summary>What moved a server UP or DOWN.</summary>
public enum HealthChangeCause
{
    /// <summary>The regular check reached <c>rise</c> successes or <c>fall</c> failures.</summary>
    Check = 0,

    /// <summary>The agent said <c>up</c>, <c>down</c>, <c>fail</c> or <c>stopped</c>.</summary>
    Agent = 1,

    /// <summary>The server left maintenance and restarted from "up, down at the first failure".</summary>
    Maintenance = 2,
}
