using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Appliance.HaAgent.Configuration;
using Appliance.HaAgent.Sync.Security;

namespace Appliance.Host.Sync;

/// <summary>
/// Reads the files the <c>ha</c> section's sync keywords name into the transport's security. Every failure is an
/// <see cref="InvalidOperationException"/> whose message names the keyword and the file, for <c>Not starting: sync: ...</c>.
/// </summary>
internal static class SyncSecurityLoader
{
    /// <summary>Loads <paramref name="config"/> for the node named <paramref name="nodeName"/>.</summary>
    /// <exception cref="InvalidOperationException">A file is missing, unreadable or malformed, or the certificate names another node.</exception>
    public static SyncSecurity Load(SyncSecurityConfig config, string nodeName)
    {
        if (!config.IsMutualTls)
        {
            return Guard($"'sync_psk_file' {config.PskFile}", () => PreSharedKeySecurity.FromFile(config.PskFile!));
        }

        var ca = Guard($"'sync_ca' {config.CaFile}", () => X509CertificateLoader.LoadCertificate(File.ReadAllBytes(config.CaFile!)));
        var node = Guard($"'sync_cert' {config.CertificateFile} with 'sync_key' {config.KeyFile}", () => CertificatePemFiles.Read(config.CertificateFile!, config.KeyFile!));
        var named = node.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
        if (!string.Equals(named, nodeName, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                $"'sync_cert' {config.CertificateFile} is issued to '{named}' but this node is '{nodeName}' (node_name): its peers would refuse it; " +
                $"issue one with 'appliance cluster issue-cert {nodeName}'");
        }

        return Guard($"'sync_cert' {config.CertificateFile}", () => new MutualTlsSecurity(ca, node));
    }

    private static T Guard<T>(string what, Func<T> load)
    {
        try
        {
            return load();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException or FormatException or ArgumentException)
        {
            throw new InvalidOperationException($"{what}: {e.Message}", e);
        }
    }
}
