using System.Text;
using Appliance.ProxyCore.Tls;

namespace Appliance.ProxyCore.Tests.Tls;

/// <summary>Files in a dictionary, with settable modification times and a read counter.</summary>
internal sealed class InMemoryCertificateFileSystem : ICertificateFileSystem
{
    private readonly Dictionary<string, (byte[] Content, DateTimeOffset LastWrite)> _files = new(StringComparer.Ordinal);
    private readonly HashSet<string> _unreadable = new(StringComparer.Ordinal);

    public int Reads { get; private set; }

    public InMemoryCertificateFileSystem Add(string path, string text, DateTimeOffset? lastWrite = null)
    {
        _files[path] = (Encoding.UTF8.GetBytes(text), lastWrite ?? new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        return this;
    }

    public void Touch(string path, DateTimeOffset lastWrite) => _files[path] = (_files[path].Content, lastWrite);

    public void Remove(string path) => _files.Remove(path);

    /// <summary>Reading this path throws an <see cref="UnauthorizedAccessException"/>.</summary>
    public void MakeUnreadable(string path) => _unreadable.Add(path);

    public bool FileExists(string path) => _files.ContainsKey(path);

    public bool DirectoryExists(string path) => _files.Keys.Any(f => f.StartsWith(path.TrimEnd('/') + "/", StringComparison.Ordinal));

    public IReadOnlyList<string> GetFiles(string directory)
    {
        var prefix = directory.TrimEnd('/') + "/";
        return [.. _files.Keys.Where(f => f.StartsWith(prefix, StringComparison.Ordinal) && !f[prefix.Length..].Contains('/')).Reverse()];
    }

    public byte[] ReadAllBytes(string path)
    {
        Reads++;
        if (_unreadable.Contains(path))
        {
            throw new UnauthorizedAccessException($"Access to the path '{path}' is denied.");
        }

        return _files.TryGetValue(path, out var file) ? file.Content : throw new FileNotFoundException("not found", path);
    }

    public DateTimeOffset GetLastWriteTime(string path) => _files.TryGetValue(path, out var file) ? file.LastWrite : DateTimeOffset.MinValue;
}
