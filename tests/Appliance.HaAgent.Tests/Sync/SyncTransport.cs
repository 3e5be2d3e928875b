namespace Appliance.HaAgent.Tests.Sync;

/// <summary>The two ways the sync transport runs, for theories that cover both.</summary>
public enum SyncTransport
{
    /// <summary>h2c (prior knowledge) with PSK HMAC credentials.</summary>
    H2cPsk,

    /// <summary>TLS with ALPN h2 and cluster-CA certificates both ways.</summary>
    MutualTls,
}
