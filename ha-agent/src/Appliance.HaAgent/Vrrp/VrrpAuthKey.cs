using System.Text;

namespace Appliance.HaAgent.Vrrp;

/// <summary>
/// Reads the contents of an <c>auth_key_file</c>: the key is the file's bytes with leading and trailing ASCII
/// whitespace removed (so a trailing newline from an editor or from <c>head -c 32 /dev/urandom | base64 &gt; FILE</c>
/// does not count), at least <see cref="VrrpAuthenticator.MinimumKeyLength"/> bytes.
/// </summary>
public static class VrrpAuthKey
{
    /// <summary>Extracts the key, or explains why the contents are not one.</summary>
    public static bool TryRead(ReadOnlySpan<byte> fileContents, out byte[] key, out string error)
    {
        var trimmed = fileContents.Trim(" \t\r\n"u8);
        if (trimmed.Length < VrrpAuthenticator.MinimumKeyLength)
        {
            key = [];
            error = $"the key must have at least {VrrpAuthenticator.MinimumKeyLength} bytes after trimming whitespace (got {trimmed.Length})";
            return false;
        }

        key = trimmed.ToArray();
        error = string.Empty;
        return true;
    }

    /// <summary>The same for text already read (UTF-8).</summary>
    public static bool TryRead(string fileContents, out byte[] key, out string error) =>
        TryRead(Encoding.UTF8.GetBytes(fileContents), out key, out error);
}
