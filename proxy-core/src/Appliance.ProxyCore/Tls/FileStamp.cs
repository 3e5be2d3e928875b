namespace Appliance.ProxyCore.Tls;

/// <summary>
/// What a file (or a directory listing) looked like when certificates were loaded from it, to tell later whether it
/// changed: the modification time as a cheap first test, the SHA-256 of the content as the real one, so a
/// <c>touch</c> alone does not count as a change. A file that did not exist has neither.
/// </summary>
/// <param name="Hash">SHA-256 of the content; for a directory, of its sorted file names.</param>
public sealed record FileStamp(string Path, DateTimeOffset? LastWrite, byte[]? Hash)
{
    public bool SameContent(FileStamp other) =>
        Hash is null ? other.Hash is null : other.Hash is not null && Hash.AsSpan().SequenceEqual(other.Hash);
}
