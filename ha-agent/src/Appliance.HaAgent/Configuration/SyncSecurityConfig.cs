namespace Appliance.HaAgent.Configuration;

/// <summary>
/// How sync peers authenticate: mutual TLS with the cluster CA (<see cref="CaFile"/>, <see cref="CertificateFile"/> and
/// <see cref="KeyFile"/> all set) or a pre-shared key (<see cref="PskFile"/> set); never both, never neither. The files are
/// read when the sync service starts.
/// </summary>
/// <param name="CaFile"><c>sync_ca</c>: the cluster CA certificate (PEM).</param>
/// <param name="CertificateFile"><c>sync_cert</c>: this node's certificate (PEM), issued by that CA.</param>
/// <param name="KeyFile"><c>sync_key</c>: this node's private key (PKCS#8 PEM).</param>
/// <param name="PskFile"><c>sync_psk_file</c>: the cluster's pre-shared key (base64 text of at least 16 bytes).</param>
public sealed record SyncSecurityConfig(string? CaFile, string? CertificateFile, string? KeyFile, string? PskFile)
{
    /// <summary>True for mutual TLS, false for the pre-shared key.</summary>
    public bool IsMutualTls => PskFile is null;

    /// <summary>Mutual TLS with the cluster CA.</summary>
    public static SyncSecurityConfig MutualTls(string caFile, string certificateFile, string keyFile) => new(caFile, certificateFile, keyFile, null);

    /// <summary>A pre-shared key file.</summary>
    public static SyncSecurityConfig PreSharedKey(string pskFile) => new(null, null, null, pskFile);
}
