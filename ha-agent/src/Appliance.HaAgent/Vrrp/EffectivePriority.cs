namespace Appliance.HaAgent.Vrrp;

/// <summary>
/// The priority a router advertises once its trackers have spoken: the configured priority minus the weight of
/// every failed tracker (keepalived's negative weights).
/// </summary>
public static class EffectivePriority
{
    /// <summary>Lowest priority a failing router falls to: 0 is the shutdown signal and cannot be advertised (RFC 5798 §5.2.4).</summary>
    public const byte Minimum = 1;

    /// <summary>
    /// Highest priority a router with any failed tracker keeps: 254, because 255 claims address ownership (RFC 5798
    /// §5.2.4) and an owner with a failed tracker must be able to lose.
    /// </summary>
    public const byte MaximumWhenDegraded = 254;

    /// <summary>
    /// Configured priority minus <paramref name="failedWeights"/>, clamped to 1..254 when any weight applies; the
    /// configured priority unchanged (255 included) when none does.
    /// </summary>
    public static byte Compute(byte configuredPriority, int failedWeights)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(failedWeights);
        if (failedWeights == 0)
        {
            return configuredPriority;
        }

        return (byte)Math.Clamp(configuredPriority - failedWeights, Minimum, MaximumWhenDegraded);
    }
}
