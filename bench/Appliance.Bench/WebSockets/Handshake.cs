using System.Security.Cryptography;
using System.Text;

namespace Appliance.Bench.WebSockets;

/// <summary>The HTTP/1.1 upgrade that opens a WebSocket (RFC 6455 §4), just enough for the echo cell.</summary>
internal static class Handshake
{
    /// <summary>RFC 6455 §1.3: the GUID appended to the key before hashing.</summary>
    private const string Guid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    public static string AcceptKey(string key)
    {
        // RFC 6455 §4.2.2 prescribes SHA-1 here; it proves the server read the key, it protects nothing.
#pragma warning disable CA5350
        return Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + Guid)));
#pragma warning restore CA5350
    }

    /// <summary>Reads one message head (up to the blank line); nothing after it is sent before the other side answers.</summary>
    public static async Task<string> ReadHeadAsync(Stream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[8192];
        var length = 0;
        while (true)
        {
            // One byte at a time: the head is short and the bytes after it belong to the WebSocket.
            var read = await stream.ReadAsync(buffer.AsMemory(length, 1), cancellationToken);
            if (read == 0)
            {
                throw new IOException("connection closed inside the upgrade head");
            }

            length += read;
            if (length >= 4 && buffer.AsSpan(length - 4, 4).SequenceEqual("\r\n\r\n"u8))
            {
                return Encoding.ASCII.GetString(buffer, 0, length);
            }

            if (length == buffer.Length)
            {
                throw new IOException("upgrade head longer than 8 KiB");
            }
        }
    }

    /// <summary>The value of header <paramref name="name"/> in <paramref name="head"/>, or null.</summary>
    public static string? Header(string head, string name)
    {
        foreach (var line in head.Split("\r\n"))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && line.AsSpan(0, colon).Trim().Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return line[(colon + 1)..].Trim();
            }
        }

        return null;
    }
}
