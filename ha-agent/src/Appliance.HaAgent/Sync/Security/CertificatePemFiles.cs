using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Appliance.HaAgent.Sync.Security;

/// <summary>Certificates and their keys as PEM files: the certificate readable by all, the key (PKCS#8) by its owner only (0600).</summary>
public static class CertificatePemFiles
{
    /// <summary>Writes <paramref name="certificate"/> to <paramref name="certificatePath"/> and, when it has an ECDSA or RSA private key, the key to <paramref name="keyPath"/>.</summary>
    public static void Write(X509Certificate2 certificate, string certificatePath, string? keyPath)
    {
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem() + "\n");
        if (keyPath is null)
        {
            return;
        }

        string keyPem;
        using (var ecdsa = certificate.GetECDsaPrivateKey())
        using (var rsa = ecdsa is null ? certificate.GetRSAPrivateKey() : null)
        {
            keyPem = ecdsa?.ExportPkcs8PrivateKeyPem()
                ?? rsa?.ExportPkcs8PrivateKeyPem()
                ?? throw new ArgumentException($"certificate '{certificate.Subject}' has no ECDSA or RSA private key", nameof(certificate));
        }

        WritePrivate(keyPath, keyPem + "\n");
    }

    /// <summary>Reads a certificate and its private key from PEM files.</summary>
    public static X509Certificate2 Read(string certificatePath, string keyPath)
    {
        try
        {
            return X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
        }
        catch (CryptographicException error)
        {
            throw new CryptographicException($"{certificatePath} + {keyPath}: not a PEM certificate with its private key ({error.Message})", error);
        }
    }

    private static void WritePrivate(string path, string text)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(path, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(text);
        }

        if (!OperatingSystem.IsWindows())
        {
            // UnixCreateMode applies only when the file is new: an overwritten key file is narrowed too.
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
