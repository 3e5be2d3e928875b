using System.Text;

namespace Appliance.HaAgent.Sync.Grpc;

/// <summary>
/// Percent-encoding of the <c>grpc-message</c> trailer (PROTOCOL-HTTP2.md "Responses": "Status-Message →
/// 'grpc-message' Percent-Encoded", "Percent-Encoded → 1*(Percent-Byte-Unencoded / Percent-Byte-Encoded)",
/// "Percent-Byte-Unencoded → 1*( %x20-%x24 / %x26-%x7E ) ; space and VCHAR, except %", "Percent-Byte-Encoded →
/// "%" 2HEXDIGIT ; 0-9 A-F"): the message's UTF-8 bytes, each outside space..tilde or equal to '%' written %XX.
/// </summary>
public static class GrpcStatusMessage
{
    /// <summary>Encodes <paramref name="message"/> for the trailer; printable ASCII other than '%' passes unchanged.</summary>
    public static string Encode(string message)
    {
        if (!message.Any(NeedsEncoding))
        {
            return message;
        }

        var builder = new StringBuilder(message.Length * 2);
        foreach (var b in Encoding.UTF8.GetBytes(message))
        {
            if (b is >= 0x20 and <= 0x7E && b != (byte)'%')
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('%').Append(HexDigit(b >> 4)).Append(HexDigit(b & 0xF));
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// Decodes a received trailer. As the spec asks of receivers, a malformed sequence ('%' not followed by two hex
    /// digits) is kept as it is rather than failing the call, and invalid UTF-8 becomes U+FFFD.
    /// </summary>
    public static string Decode(string value)
    {
        if (!value.Contains('%'))
        {
            return value;
        }

        var bytes = new List<byte>(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '%' && i + 2 < value.Length && TryHex(value[i + 1], out var high) && TryHex(value[i + 2], out var low))
            {
                bytes.Add((byte)((high << 4) | low));
                i += 2;
            }
            else if (c < 0x80)
            {
                bytes.Add((byte)c);
            }
            else
            {
                // Not expected in a header, but keep it rather than drop it.
                bytes.AddRange(Encoding.UTF8.GetBytes(c.ToString()));
            }
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    private static bool NeedsEncoding(char c) => c is < ' ' or > '~' or '%';

    private static char HexDigit(int value) => (char)(value < 10 ? '0' + value : 'A' + value - 10);

    private static bool TryHex(char c, out int value)
    {
        value = c switch
        {
            >= '0' and <= '9' => c - '0',
            >= 'A' and <= 'F' => c - 'A' + 10,
            >= 'a' and <= 'f' => c - 'a' + 10,
            _ => -1,
        };
        return value >= 0;
    }
}
