namespace Appliance.ProxyCore.Tls;

/// <summary>The file reads of certificate loading, behind a seam so that tests can count or fail them.</summary>
public interface ICertificateFileSystem
{
    bool FileExists(string path);

    bool DirectoryExists(string path);

    /// <summary>The full paths of the regular files directly in <paramref name="directory"/>, in any order.</summary>
    IReadOnlyList<string> GetFiles(string directory);

    /// <summary>Throws <see cref="IOException"/> or <see cref="UnauthorizedAccessException"/> when the file cannot be read.</summary>
    byte[] ReadAllBytes(string path);

    DateTimeOffset GetLastWriteTime(string path);
}
