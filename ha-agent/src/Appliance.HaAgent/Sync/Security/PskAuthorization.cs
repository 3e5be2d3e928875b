using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Appliance.HaAgent.Sync.Security;

/// <summary>
/// The PSK call credential, pure: <c>authorization: Appliance-HMAC-SHA256 ts=SECONDS,nonce=NONCE,mac=MAC</c>, where MAC
/// is base64url(HMAC-SHA256(key, METHOD "|" SECONDS "|" NONCE)), METHOD the call's path (<c>/package.Service/Method</c>),
/// SECONDS the Unix time and NONCE 16 random bytes in base64url. Binding the method stops a captured header from being
/// used for another method; the timestamp and nonce stop its reuse (the server's window and replay cache).
/// </summary>
public static class PskAuthorization
{
    /// <summary>The header carrying the credential (gRPC custom metadata; grpc-js sends it as <c>Metadata</c>).</summary>
    public const string HeaderName = "authorization";

    /// <summary>The scheme word that starts the header value.</summary>
    public const string Scheme = "Appliance-HMAC-SHA256";

    /// <summary>Makes a header value for a call to <paramref name="method"/> now, with a fresh random nonce.</summary>
    public static string Create(ReadOnlySpan<byte> key, string method, DateTimeOffset now) =>
        Format(key, method, now.ToUnixTimeSeconds(), Base64Url(RandomNumberGenerator.GetBytes(16)));

    /// <summary>Makes a header value from given parts (tests and other clients use it to build exact values).</summary>
    public static string Format(ReadOnlySpan<byte> key, string method, long timestamp, string nonce) =>
        FormattableString.Invariant($"{Scheme} ts={timestamp},nonce={nonce},mac={Base64Url(ComputeMac(key, method, timestamp, nonce))}");

    /// <summary>HMAC-SHA256(key, method|timestamp|nonce).</summary>
    public static byte[] ComputeMac(ReadOnlySpan<byte> key, string method, long timestamp, string nonce) =>
        HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(FormattableString.Invariant($"{method}|{timestamp}|{nonce}")));

    /// <summary>Parses a header value; false when it is not exactly this scheme's form.</summary>
    public static bool TryParse(string? value, out PskCredential? credential)
    {
        credential = null;
        if (value is null || !value.StartsWith(Scheme + " ", StringComparison.Ordinal))
        {
            return false;
        }

        var parts = value[(Scheme.Length + 1)..].Split(',');
        if (parts.Length != 3
            || !TryField(parts[0], "ts=", out var ts) || !TryField(parts[1], "nonce=", out var nonce) || !TryField(parts[2], "mac=", out var mac)
            || ts.Length > 19 || !ts.All(char.IsAsciiDigit)
            || !long.TryParse(ts, NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp)
            || nonce.Length is < 16 or > 64 || !nonce.All(IsBase64UrlChar))
        {
            return false;
        }

        var macBytes = FromBase64Url(mac);
        if (macBytes is not { Length: 32 })
        {
            return false;
        }

        credential = new PskCredential(timestamp, nonce, macBytes);
        return true;
    }

    /// <summary>True when <paramref name="credential"/>'s MAC is the one <paramref name="key"/> gives for <paramref name="method"/> (constant time).</summary>
    public static bool Verify(ReadOnlySpan<byte> key, string method, PskCredential credential) =>
        CryptographicOperations.FixedTimeEquals(ComputeMac(key, method, credential.Timestamp, credential.Nonce), credential.Mac);

    private static bool TryField(string part, string name, out string value)
    {
        value = part.StartsWith(name, StringComparison.Ordinal) ? part[name.Length..] : string.Empty;
        return value.Length > 0;
    }

    private static bool IsBase64UrlChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_';

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[]? FromBase64Url(string text)
    {
        if (!text.All(IsBase64UrlChar))
        {
            return null;
        }

        var base64 = text.Replace('-', '+').Replace('_', '/');
        base64 += (base64.Length % 4) switch { 2 => "==", 3 => "=", _ => string.Empty };
        try
        {
            return Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
