using System.Text;

namespace Appliance.ProxyCore.Health;

/// <summary>Judges an HTTP check from the first bytes of the answer; only the status line matters.</summary>
public static class HttpCheckResponse
{
    /// <summary>The longest status line read before calling the answer invalid.</summary>
    public const int MaxStatusLineLength = 1024;

    /// <summary>The part of a reason phrase kept for the <c>info</c> text.</summary>
    private const int MaxReasonLength = 64;

    /// <summary>
    /// Returns the result once the status line is complete (or the answer is known to be bad), else <c>null</c> to ask for
    /// more bytes. Without <paramref name="expectStatus"/> any 2xx or 3xx passes (HAProxy's rule); with it, only that code.
    /// </summary>
    /// <param name="received">Everything read so far.</param>
    /// <param name="closed">True when the server closed the connection after <paramref name="received"/>.</param>
    /// <param name="expectStatus"><c>http-check expect status N</c>, if configured.</param>
    public static ProbeResult? Evaluate(ReadOnlySpan<byte> received, bool closed, int? expectStatus)
    {
        var lineEnd = received.IndexOf((byte)'\n');
        if (lineEnd < 0)
        {
            if (received.Length >= MaxStatusLineLength)
            {
                return ProbeResult.Layer7InvalidResponse($"status line longer than {MaxStatusLineLength} bytes");
            }

            if (!closed)
            {
                return null;
            }

            // A server that closes after a bare status line without its line end still told us its status.
            if (received.IsEmpty)
            {
                return ProbeResult.Layer7InvalidResponse("empty response");
            }

            lineEnd = received.Length;
        }

        var line = received[..lineEnd];
        if (!line.IsEmpty && line[^1] == '\r')
        {
            line = line[..^1];
        }

        if (!TryParseStatusLine(line, out var code, out var reason))
        {
            return ProbeResult.Layer7InvalidResponse();
        }

        var passes = expectStatus is { } expected ? code == expected : code is >= 200 and < 400;
        return new ProbeResult(passes ? CheckStatus.Layer7Passed : CheckStatus.Layer7WrongStatus, code, reason);
    }

    /// <summary>Accepts <c>HTTP/d.d SP ddd [SP reason]</c> (RFC 9112, section 4), nothing looser.</summary>
    private static bool TryParseStatusLine(ReadOnlySpan<byte> line, out int code, out string? reason)
    {
        code = 0;
        reason = null;
        if (line.Length < 12
            || !line.StartsWith("HTTP/"u8)
            || !IsDigit(line[5]) || line[6] != '.' || !IsDigit(line[7])
            || line[8] != ' '
            || !IsDigit(line[9]) || !IsDigit(line[10]) || !IsDigit(line[11]))
        {
            return false;
        }

        code = (line[9] - '0') * 100 + (line[10] - '0') * 10 + (line[11] - '0');
        if (code < 100)
        {
            return false;
        }

        if (line.Length == 12)
        {
            return true;
        }

        if (line[12] != ' ')
        {
            return false;
        }

        var text = line[13..];
        if (text.Length > MaxReasonLength)
        {
            text = text[..MaxReasonLength];
        }

        var sanitized = new StringBuilder(text.Length);
        foreach (var b in text)
        {
            // Control bytes and quotes would corrupt a log line; HAProxy prints the phrase between quotes.
            sanitized.Append(b is < 0x20 or 0x7f or (byte)'"' ? '?' : (char)b);
        }

        reason = sanitized.Length == 0 ? null : sanitized.ToString();
        return true;
    }

    private static bool IsDigit(byte b) => b is >= (byte)'0' and <= (byte)'9';
}
