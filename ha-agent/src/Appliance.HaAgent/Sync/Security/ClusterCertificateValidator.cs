using System.Security.Cryptography.X509Certificates;

namespace Appliance.HaAgent.Sync.Security;

/// <summary>
/// Checks a peer certificate against the cluster CA alone (the system trust store plays no part): it chains to the CA,
/// is within its validity at the given time, allows the TLS role it is used in, is not itself a CA and, for a server,
/// names the peer.
/// </summary>
public static class ClusterCertificateValidator
{
    /// <summary>Extended key usage of a TLS server.</summary>
    public const string ServerAuthentication = "1.3.6.1.5.5.7.3.1";

    /// <summary>Extended key usage of a TLS client.</summary>
    public const string ClientAuthentication = "1.3.6.1.5.5.7.3.2";

    /// <summary>Null when <paramref name="certificate"/> is acceptable, else why not (fit for a log line).</summary>
    /// <param name="certificate">The peer's certificate.</param>
    /// <param name="clusterCa">The only trust anchor.</param>
    /// <param name="now">The time of the check.</param>
    /// <param name="usage"><see cref="ServerAuthentication"/> or <see cref="ClientAuthentication"/>.</param>
    /// <param name="expectedName">For a server: the node name (or address) the client dialled; null skips the name check.</param>
    public static string? Validate(X509Certificate2 certificate, X509Certificate2 clusterCa, DateTimeOffset now, string usage, string? expectedName)
    {
        if (certificate.Extensions.OfType<X509BasicConstraintsExtension>().Any(c => c.CertificateAuthority))
        {
            return $"certificate '{certificate.Subject}' is a CA certificate, not a node certificate";
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(clusterCa);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        chain.ChainPolicy.VerificationTime = now.UtcDateTime;
        chain.ChainPolicy.VerificationTimeIgnored = false;
        chain.ChainPolicy.ApplicationPolicy.Add(new System.Security.Cryptography.Oid(usage));
        if (!chain.Build(certificate))
        {
            var problems = chain.ChainStatus.Select(s => s.Status).Where(s => s != X509ChainStatusFlags.NoError).Distinct();
            return $"certificate '{certificate.Subject}' (issuer '{certificate.Issuer}') is not valid for the cluster CA: {string.Join(", ", problems)}";
        }

        var root = chain.ChainElements[^1].Certificate;
        if (!root.RawDataMemory.Span.SequenceEqual(clusterCa.RawDataMemory.Span))
        {
            return $"certificate '{certificate.Subject}' chains to '{root.Subject}', not to the cluster CA";
        }

        if (expectedName is not null && !certificate.MatchesHostname(expectedName, allowWildcards: false, allowCommonName: false))
        {
            return $"certificate '{certificate.Subject}' does not name '{expectedName}' in its subject alternative names";
        }

        return null;
    }

    /// <summary>The node name a certificate was issued for: its subject CN.</summary>
    public static string NodeName(X509Certificate2 certificate) => certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
}
