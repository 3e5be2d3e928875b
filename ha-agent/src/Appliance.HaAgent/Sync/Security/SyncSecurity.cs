namespace Appliance.HaAgent.Sync.Security;

/// <summary>
/// How sync peers authenticate each other; chosen by configuration, the same on both sides of a connection:
/// <see cref="MutualTlsSecurity"/> (TLS both ways with certificates of the cluster CA: authenticates and encrypts) or
/// <see cref="PreSharedKeySecurity"/> (an HMAC of each call with a key all nodes share, over h2c: authenticates, does not
/// encrypt). There is no unauthenticated mode.
/// </summary>
public abstract class SyncSecurity
{
    private protected SyncSecurity()
    {
    }

    /// <summary>True when connections use TLS (https); false for h2c (http with prior knowledge).</summary>
    public abstract bool UsesTls { get; }
}
