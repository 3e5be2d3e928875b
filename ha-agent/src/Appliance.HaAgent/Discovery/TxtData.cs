using System.Text;

namespace Appliance.HaAgent.Discovery;

/// <summary>
/// TXT RDATA: character strings of 0..255 bytes each (RFC 1035 §3.3.14). DNS-SD puts one <c>key=value</c> pair in each
/// (RFC 6763 §6.3); a record with no pairs still carries one empty string (§6.1), which <see cref="Write"/> adds.
/// </summary>
public sealed class TxtData : DnsRecordData
{
    /// <summary>A character string holds at most 255 bytes (its length is one byte).</summary>
    public const int MaxStringLength = 255;

    public TxtData(IEnumerable<byte[]> strings)
    {
        Strings = [.. strings];
        if (Strings.FirstOrDefault(s => s.Length > MaxStringLength) is { } tooLong)
        {
            throw new ArgumentException($"a TXT string has {tooLong.Length} bytes; at most {MaxStringLength}", nameof(strings));
        }
    }

    /// <summary>The strings, in order, as bytes.</summary>
    public IReadOnlyList<byte[]> Strings { get; }

    public override DnsRecordType Type => DnsRecordType.Txt;

    /// <summary>TXT data holding <c>key=value</c> for each pair, in order (UTF-8).</summary>
    public static TxtData FromPairs(IEnumerable<KeyValuePair<string, string>> pairs) =>
        new(pairs.Select(p => Encoding.UTF8.GetBytes($"{p.Key}={p.Value}")));

    /// <summary>
    /// The pairs as DNS-SD reads them (RFC 6763 §6.4): the key is everything before the first '=', compared without
    /// ASCII case; the first occurrence of a key wins; a string without '=' is a key with a null value; empty strings and
    /// strings starting with '=' are ignored. Values are decoded as UTF-8.
    /// </summary>
    public IReadOnlyDictionary<string, string?> ToPairs()
    {
        var pairs = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var text in Strings.Select(s => Encoding.UTF8.GetString(s)))
        {
            var equals = text.IndexOf('=', StringComparison.Ordinal);
            if (text.Length == 0 || equals == 0)
            {
                continue;
            }

            var key = equals < 0 ? text : text[..equals];
            pairs.TryAdd(key, equals < 0 ? null : text[(equals + 1)..]);
        }

        return pairs;
    }

    public override string ToString() => string.Join(' ', Strings.Select(s => $"\"{Encoding.UTF8.GetString(s)}\""));

    internal override void Write(DnsWireWriter writer)
    {
        if (Strings.Count == 0)
        {
            writer.WriteByte(0);
            return;
        }

        foreach (var s in Strings)
        {
            writer.WriteByte((byte)s.Length);
            writer.WriteBytes(s);
        }
    }
}
