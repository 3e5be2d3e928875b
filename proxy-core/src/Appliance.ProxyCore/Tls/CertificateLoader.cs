using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Appliance.ProxyCore.Configuration;

namespace Appliance.ProxyCore.Tls;

/// <summary>
/// Loads the certificates named by <c>crt</c>: a PEM file, or a directory whose files are loaded in name order
/// (ordinal, like HAProxy's alphasort in the C locale), skipping HAProxy's side files (<c>.key</c>, <c>.ocsp</c>,
/// <c>.issuer</c>, <c>.sctl</c>). A PEM without a private key takes it from <c>FILE.key</c>, as HAProxy does.
/// </summary>
public sealed class CertificateLoader(ICertificateFileSystem files, TimeProvider time)
{
    /// <summary>Extensions of the files HAProxy loads beside a certificate (ssl-load-extra-files), never as certificates.</summary>
    private static readonly string[] SideFileExtensions = [".key", ".ocsp", ".issuer", ".sctl"];

    public CertificateLoader()
        : this(PhysicalCertificateFileSystem.Instance, TimeProvider.System)
    {
    }

    /// <summary>Loads every path; a bad file is reported in <see cref="CertificateLoadResult.Problems"/> and skipped.</summary>
    public CertificateLoadResult Load(IReadOnlyList<string> paths)
    {
        var certificates = new List<ServerCertificate>();
        var problems = new List<CertificateProblem>();
        var stamps = new List<FileStamp>();
        foreach (var path in paths)
        {
            if (files.DirectoryExists(path))
            {
                var all = files.GetFiles(path).Order(StringComparer.Ordinal).ToList();
                stamps.Add(DirectoryStamp(path, all));
                var entries = all.Where(f => !SideFileExtensions.Any(e => f.EndsWith(e, StringComparison.Ordinal))).ToList();
                if (entries.Count == 0)
                {
                    problems.Add(new CertificateProblem(path, ConfigMessages.CertEmptyDirectory(), IsError: true));
                }

                foreach (var file in entries)
                {
                    LoadFile(file, certificates, problems, stamps);
                }
            }
            else
            {
                LoadFile(path, certificates, problems, stamps);
            }
        }

        return new CertificateLoadResult(certificates, problems, stamps);
    }

    /// <summary>Loads the CA certificates of a <c>ca-file</c> (PEM, one or more certificates); null with an error when it cannot.</summary>
    public X509Certificate2Collection? LoadCaFile(string path, out string? error)
    {
        error = null;
        var text = ReadText(path, out _, out _, out error);
        if (text is null)
        {
            return null;
        }

        var blocks = PemReader.Read(text, out error);
        if (blocks is null)
        {
            return null;
        }

        var collection = new X509Certificate2Collection();
        foreach (var block in blocks.Where(b => b.Label == "CERTIFICATE"))
        {
            try
            {
                collection.Add(X509CertificateLoader.LoadCertificate(block.Data));
            }
            catch (CryptographicException e)
            {
                error = ConfigMessages.CertMalformedBlock(block.Label, block.Line, ConfigMessages.CertBadDer(e.Message));
                return null;
            }
        }

        if (collection.Count == 0)
        {
            error = ConfigMessages.CaNoCertificate();
            return null;
        }

        return collection;
    }

    /// <summary>Reads the current stamp of <paramref name="stamp"/>'s path (same kind: file or directory).</summary>
    public FileStamp Restamp(FileStamp stamp)
    {
        if (files.DirectoryExists(stamp.Path))
        {
            return DirectoryStamp(stamp.Path, [.. files.GetFiles(stamp.Path).Order(StringComparer.Ordinal)]);
        }

        try
        {
            if (!files.FileExists(stamp.Path))
            {
                return new FileStamp(stamp.Path, null, null);
            }

            var lastWrite = files.GetLastWriteTime(stamp.Path);
            return new FileStamp(stamp.Path, lastWrite, SHA256.HashData(files.ReadAllBytes(stamp.Path)));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new FileStamp(stamp.Path, null, null);
        }
    }

    /// <summary>The stamp's modification time first (cheap); the content only when the time moved.</summary>
    public bool HasChanged(FileStamp stamp)
    {
        if (!files.DirectoryExists(stamp.Path) && stamp.LastWrite is { } lastWrite && files.FileExists(stamp.Path)
            && files.GetLastWriteTime(stamp.Path) == lastWrite)
        {
            return false;
        }

        return !Restamp(stamp).SameContent(stamp);
    }

    private void LoadFile(string path, List<ServerCertificate> certificates, List<CertificateProblem> problems, List<FileStamp> stamps)
    {
        var text = ReadText(path, out var bytes, out var lastWrite, out var error);
        stamps.Add(Stamp(path, lastWrite, bytes));
        if (text is null)
        {
            problems.Add(new CertificateProblem(path, error!, IsError: true));
            return;
        }

        var keyPath = path + ".key";
        string? keyText = null;
        if (files.FileExists(keyPath))
        {
            keyText = ReadText(keyPath, out var keyBytes, out var keyLastWrite, out error);
            stamps.Add(Stamp(keyPath, keyLastWrite, keyBytes));
            if (keyText is null)
            {
                problems.Add(new CertificateProblem(path, $"{keyPath}: {error}", IsError: true));
                return;
            }
        }
        else
        {
            // Recorded as absent, so that a key file appearing later counts as a change.
            stamps.Add(new FileStamp(keyPath, null, null));
        }

        if (PemCertificateParser.Parse(path, text, keyPath, keyText, time.GetUtcNow(), problems) is { } certificate)
        {
            certificates.Add(certificate);
        }
    }

    /// <param name="lastWrite">Read before the content: a write in between then shows as a change later, never hides one.</param>
    private string? ReadText(string path, out byte[]? bytes, out DateTimeOffset? lastWrite, out string? error)
    {
        bytes = null;
        lastWrite = null;
        error = null;
        try
        {
            lastWrite = files.GetLastWriteTime(path);
            bytes = files.ReadAllBytes(path);
            return Encoding.UTF8.GetString(bytes);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            error = ConfigMessages.CertNoSuchFile();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = ConfigMessages.CertUnreadable(e.Message);
        }

        return null;
    }

    private static FileStamp Stamp(string path, DateTimeOffset? lastWrite, byte[]? bytes) =>
        bytes is null ? new FileStamp(path, null, null) : new FileStamp(path, lastWrite, SHA256.HashData(bytes));

    private static FileStamp DirectoryStamp(string path, IReadOnlyList<string> entries) =>
        new(path, null, SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', entries))));
}
