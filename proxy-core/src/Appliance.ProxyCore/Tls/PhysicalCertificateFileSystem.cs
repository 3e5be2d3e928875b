namespace Appliance.ProxyCore.Tls;

/// <summary>The real file system.</summary>
public sealed class PhysicalCertificateFileSystem : ICertificateFileSystem
{
    public static PhysicalCertificateFileSystem Instance { get; } = new();

    public bool FileExists(string path) => File.Exists(path);

    public bool DirectoryExists(string path) => Directory.Exists(path);

    public IReadOnlyList<string> GetFiles(string directory) => Directory.GetFiles(directory);

    public byte[] ReadAllBytes(string path) => File.ReadAllBytes(path);

    public DateTimeOffset GetLastWriteTime(string path) => File.GetLastWriteTimeUtc(path);
}
