namespace Appliance.HaAgent.Sync.Security;

/// <summary>What <see cref="ReplayCache.TryAdd"/> found.</summary>
public enum ReplayCheck
{
    /// <summary>Not seen before: recorded.</summary>
    Fresh,

    /// <summary>Seen before and still remembered: a replay.</summary>
    Replayed,

    /// <summary>The cache holds its capacity of live nonces: refused without recording.</summary>
    Full,
}
