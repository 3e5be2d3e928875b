using System.Security.Cryptography.X509Certificates;

namespace Appliance.HaAgent.Sync.Security;

/// <summary>
/// Mutual TLS with a cluster CA: each node presents its node certificate (issued by
/// <see cref="ClusterCertificateAuthority"/>) as server and as client, and accepts only a peer whose certificate chains
/// to <see cref="ClusterCa"/>; a client also checks the server's certificate names the peer it meant to reach.
/// </summary>
public sealed class MutualTlsSecurity : SyncSecurity
{
    /// <summary>Uses <paramref name="nodeCertificate"/> (with its private key) and trusts only <paramref name="clusterCa"/>.</summary>
    public MutualTlsSecurity(X509Certificate2 clusterCa, X509Certificate2 nodeCertificate)
    {
        if (!nodeCertificate.HasPrivateKey)
        {
            throw new ArgumentException($"the node certificate '{nodeCertificate.Subject}' has no private key", nameof(nodeCertificate));
        }

        ClusterCa = clusterCa;
        NodeCertificate = nodeCertificate;
    }

    /// <summary>The cluster CA certificate (public part only is needed): the one trust anchor.</summary>
    public X509Certificate2 ClusterCa { get; }

    /// <summary>This node's certificate with its private key.</summary>
    public X509Certificate2 NodeCertificate { get; }

    /// <inheritdoc />
    public override bool UsesTls => true;

    /// <summary>Loads the PEM files written by <see cref="ClusterCertificateAuthority.Save"/> and <see cref="CertificatePemFiles.Write"/>.</summary>
    /// <param name="clusterCaPath">The CA certificate (PEM); its key is not needed on the nodes.</param>
    /// <param name="nodeCertificatePath">This node's certificate (PEM).</param>
    /// <param name="nodeKeyPath">This node's private key (PKCS#8 PEM).</param>
    public static MutualTlsSecurity Load(string clusterCaPath, string nodeCertificatePath, string nodeKeyPath) =>
        new(X509CertificateLoader.LoadCertificate(File.ReadAllBytes(clusterCaPath)),
            CertificatePemFiles.Read(nodeCertificatePath, nodeKeyPath));
}
