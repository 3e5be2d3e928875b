using System.Globalization;

namespace Appliance.Host.Logging;

/// <summary>
/// RFC 6587 section 3.4.1 octet-counted framing, <c>MSG-LEN SP SYSLOG-MSG</c>: the length is written just before a
/// message already in the buffer, so the frame is sent without copying the message.
/// </summary>
internal static class OctetCounting
{
    /// <summary>Room to keep before a message for its length prefix: up to 5 digits (len is at most 65535) and a space.</summary>
    public const int PrefixRoom = 6;

    /// <summary>Writes the prefix before <c>buffer[messageStart..]</c> and returns where the frame starts.</summary>
    /// <param name="buffer">Holds the message at <paramref name="messageStart"/>, which must be at least <see cref="PrefixRoom"/>.</param>
    /// <param name="messageStart">Where the message begins.</param>
    /// <param name="messageLength">The message's length in octets.</param>
    public static int WritePrefix(Span<byte> buffer, int messageStart, int messageLength)
    {
        Span<byte> digits = stackalloc byte[PrefixRoom];
        messageLength.TryFormat(digits, out var n, default, CultureInfo.InvariantCulture);
        digits[n++] = (byte)' ';
        var start = messageStart - n;
        digits[..n].CopyTo(buffer[start..]);
        return start;
    }
}
