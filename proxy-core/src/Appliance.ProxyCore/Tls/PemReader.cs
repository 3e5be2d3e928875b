using Appliance.ProxyCore.Configuration;

namespace Appliance.ProxyCore.Tls;

/// <summary>
/// Splits PEM text into its blocks (RFC 7468). Text outside blocks is ignored, as OpenSSL does (certbot files have
/// none, but <c>openssl x509 -text</c> output and PKCS#12 "Bag Attributes" lines are common). RFC 1421 headers
/// (<c>Proc-Type</c>, <c>DEK-Info</c>) inside a block are skipped, and an encrypted one is flagged.
/// </summary>
internal static class PemReader
{
    private const string Dashes = "-----";

    /// <returns>The blocks in file order, or null with <paramref name="error"/> set for the first malformed block.</returns>
    public static List<PemBlock>? Read(string text, out string? error)
    {
        error = null;
        var blocks = new List<PemBlock>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (!line.StartsWith(Dashes + "BEGIN ", StringComparison.Ordinal) || !line.EndsWith(Dashes, StringComparison.Ordinal)
                || line.Length < 2 * Dashes.Length + 6)
            {
                continue;
            }

            var label = line[(Dashes.Length + 6)..^Dashes.Length];
            var begin = i + 1;
            var end = $"{Dashes}END {label}{Dashes}";
            var base64 = new System.Text.StringBuilder();
            var encrypted = false;
            string? closing = null;
            for (i++; i < lines.Length; i++)
            {
                var content = lines[i].Trim();
                if (content.StartsWith(Dashes, StringComparison.Ordinal))
                {
                    closing = content;
                    break;
                }

                if (content.Contains(':', StringComparison.Ordinal))
                {
                    encrypted |= content.StartsWith("Proc-Type:", StringComparison.OrdinalIgnoreCase) && content.Contains("ENCRYPTED", StringComparison.OrdinalIgnoreCase);
                    continue;
                }

                base64.Append(content);
            }

            var problem = closing is null ? ConfigMessages.PemNoEnd(label)
                : closing != end ? ConfigMessages.PemWrongEnd(closing)
                : null;
            byte[]? data = null;
            if (problem is null)
            {
                data = TryDecode(base64.ToString());
                problem = data is null ? ConfigMessages.PemBadBase64() : null;
            }

            if (problem is not null)
            {
                error = ConfigMessages.CertMalformedBlock(label, begin, problem);
                return null;
            }

            blocks.Add(new PemBlock(label, data!, begin, encrypted));
        }

        return blocks;
    }

    private static byte[]? TryDecode(string base64)
    {
        var buffer = new byte[base64.Length * 3 / 4 + 3];
        return Convert.TryFromBase64String(base64, buffer, out var written) && written > 0 ? buffer[..written] : null;
    }
}
