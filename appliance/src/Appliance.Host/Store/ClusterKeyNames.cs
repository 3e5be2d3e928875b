namespace Appliance.Host.Store;

/// <summary>
/// Well-known names for <see cref="ConfigStore.GetClusterKey"/>: the material state sync will use. The store keeps each
/// as an opaque blob and never interprets it.
/// </summary>
internal static class ClusterKeyNames
{
    /// <summary>The pre-shared key that authenticates sync peers.</summary>
    public const string SyncPsk = "sync-psk";

    /// <summary>The path (UTF-8) of the CA bundle that sync peers' certificates chain to.</summary>
    public const string SyncCaPath = "sync-ca-path";

    /// <summary>The path (UTF-8) of this node's sync certificate and key (PEM).</summary>
    public const string SyncCertificatePath = "sync-certificate-path";
}
