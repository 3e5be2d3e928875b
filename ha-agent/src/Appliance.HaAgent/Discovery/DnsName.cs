using System.Text;

namespace Appliance.HaAgent.Discovery;

/// <summary>
/// A domain name as its labels, so a label may hold any byte, dots and spaces included (DNS-SD instance names such as
/// <c>lb1 (2)</c> or <c>a.b</c>, RFC 6763 §4.3). Equality ignores ASCII case only (RFC 6762 §16). Immutable.
/// </summary>
public sealed class DnsName : IEquatable<DnsName>
{
    /// <summary>A label holds at most 63 bytes (RFC 1035 §2.3.4).</summary>
    public const int MaxLabelLength = 63;

    /// <summary>A name takes at most 255 bytes on the wire, length bytes and the root included (RFC 1035 §2.3.4).</summary>
    public const int MaxWireLength = 255;

    private readonly string[] _labels;

    private DnsName(string[] labels, int wireLength)
    {
        _labels = labels;
        WireLength = wireLength;
    }

    /// <summary>The root: no labels.</summary>
    public static DnsName Root { get; } = new([], 1);

    /// <summary>The labels, leftmost first, without the root.</summary>
    public IReadOnlyList<string> Labels => _labels;

    /// <summary>Bytes on the wire without compression: each label's length byte and bytes, plus the root's zero.</summary>
    public int WireLength { get; }

    /// <summary>The name one level up (the root stays the root).</summary>
    public DnsName Parent => _labels.Length == 0 ? this : FromLabels(_labels[1..]);

    /// <summary>Builds a name from labels; throws on an empty or overlong label or an overlong name.</summary>
    public static DnsName FromLabels(IEnumerable<string> labels) =>
        TryFromLabels(labels, out var name, out var error) ? name : throw new ArgumentException(error, nameof(labels));

    /// <summary>Builds a name from labels; false with the reason for an empty or overlong label or an overlong name.</summary>
    public static bool TryFromLabels(IEnumerable<string> labels, out DnsName name, out string error)
    {
        var array = labels.ToArray();
        var length = 1;
        foreach (var label in array)
        {
            var bytes = Encoding.UTF8.GetByteCount(label);
            if (bytes is 0 or > MaxLabelLength)
            {
                name = Root;
                error = $"label '{label}' has {bytes} bytes; a label has 1 to {MaxLabelLength}";
                return false;
            }

            length += 1 + bytes;
        }

        if (length > MaxWireLength)
        {
            name = Root;
            error = $"the name takes {length} bytes; at most {MaxWireLength}";
            return false;
        }

        name = new DnsName(array, length);
        error = string.Empty;
        return true;
    }

    /// <summary>
    /// Parses presentation form: labels split on unescaped dots, <c>\.</c> and <c>\\</c> escape a dot and a backslash;
    /// a trailing dot is allowed; "" and "." are the root.
    /// </summary>
    public static DnsName Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var labels = new List<string>();
        var current = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\\' && i + 1 < text.Length)
            {
                current.Append(text[++i]);
            }
            else if (c == '.')
            {
                if (current.Length > 0 || i != text.Length - 1)
                {
                    labels.Add(current.ToString());
                }

                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        if (current.Length > 0)
        {
            labels.Add(current.ToString());
        }

        return FromLabels(labels);
    }

    /// <summary>This name with <paramref name="label"/> in front.</summary>
    public DnsName Prepend(string label) => FromLabels([label, .. _labels]);

    /// <summary>True when this name is <paramref name="other"/> or below it.</summary>
    public bool IsAtOrBelow(DnsName other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var skip = _labels.Length - other._labels.Length;
        if (skip < 0)
        {
            return false;
        }

        for (var i = 0; i < other._labels.Length; i++)
        {
            if (!LabelEquals(_labels[skip + i], other._labels[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>ASCII case-insensitive label comparison (RFC 6762 §16: other characters compare exactly).</summary>
    public static bool LabelEquals(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Length != b.Length)
        {
            return false;
        }

        for (var i = 0; i < a.Length; i++)
        {
            if (FoldAscii(a[i]) != FoldAscii(b[i]))
            {
                return false;
            }
        }

        return true;
    }

    public bool Equals(DnsName? other)
    {
        if (other is null || other._labels.Length != _labels.Length)
        {
            return false;
        }

        for (var i = 0; i < _labels.Length; i++)
        {
            if (!LabelEquals(_labels[i], other._labels[i]))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => obj is DnsName other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var label in _labels)
        {
            foreach (var c in label)
            {
                hash.Add(FoldAscii(c));
            }

            hash.Add('.');
        }

        return hash.ToHashCode();
    }

    /// <summary>Presentation form without the trailing dot; dots and backslashes inside labels escaped.</summary>
    public override string ToString() =>
        _labels.Length == 0 ? "." : string.Join('.', _labels.Select(l => l.Replace("\\", "\\\\", StringComparison.Ordinal).Replace(".", "\\.", StringComparison.Ordinal)));

    public static bool operator ==(DnsName? left, DnsName? right) => left is null ? right is null : left.Equals(right);

    public static bool operator !=(DnsName? left, DnsName? right) => !(left == right);

    private static char FoldAscii(char c) => c is >= 'A' and <= 'Z' ? (char)(c + 32) : c;
}
