using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Appliance.ProxyCore.Configuration;

namespace Appliance.ProxyCore.Tls;

/// <summary>
/// <c>verify optional|required</c> with <c>ca-file</c>: a client certificate is valid when it chains to one of the CAs
/// of the file (and only those: the system store is not trusted for clients, as in HAProxy), is within its validity
/// period, and allows client authentication. Revocation is not checked (no <c>crl-file</c>).
/// </summary>
internal sealed class ClientCertificateValidator(X509Certificate2Collection authorities, ClientCertificateMode mode, TimeProvider time)
{
    /// <summary>id-kp-clientAuth (RFC 5280 4.2.1.12); a certificate without the extension allows every purpose.</summary>
    private const string ClientAuthentication = "1.3.6.1.5.5.7.3.2";

    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null)
        {
            return mode == ClientCertificateMode.Optional;
        }

        using var verifier = new X509Chain();
        var policy = verifier.ChainPolicy;
        policy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        policy.CustomTrustStore.AddRange(authorities);
        policy.RevocationMode = X509RevocationMode.NoCheck;
        policy.DisableCertificateDownloads = true;
        policy.VerificationTime = time.GetUtcNow().UtcDateTime;
        policy.ApplicationPolicy.Add(new Oid(ClientAuthentication));
        if (chain is not null)
        {
            // The intermediates the client sent.
            foreach (var element in chain.ChainElements.Skip(1))
            {
                policy.ExtraStore.Add(element.Certificate);
            }
        }

        if (certificate is X509Certificate2 certificate2)
        {
            return verifier.Build(certificate2);
        }

        using var copy = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return verifier.Build(copy);
    }
}
