using System.Text;

namespace Appliance.ProxyCore.Forwarding.Http.Parsing;

/// <summary>
/// One field line of a parsed head, as spans into the head's buffer (valid until the head is reused). The value has
/// its surrounding OWS removed (RFC 9112 §5.1). Strings are made only on request.
/// </summary>
public readonly ref struct HttpHeaderField
{
    internal HttpHeaderField(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value, KnownHeader known)
    {
        Name = name;
        Value = value;
        Known = known;
    }

    /// <summary>The name as sent (case preserved).</summary>
    public ReadOnlySpan<byte> Name { get; }

    /// <summary>The value without leading or trailing OWS; may contain obs-text (bytes 0x80-0xFF).</summary>
    public ReadOnlySpan<byte> Value { get; }

    /// <summary>Which interpreted field this is, or <see cref="KnownHeader.Other"/>.</summary>
    public KnownHeader Known { get; }

    /// <summary>True when the name equals <paramref name="name"/> ignoring ASCII case.</summary>
    public bool NameEquals(ReadOnlySpan<byte> name) => Ascii.EqualsIgnoreCase(Name, name);

    /// <summary>Allocates the name as a string (ASCII: names are tokens).</summary>
    public string GetNameString() => Encoding.ASCII.GetString(Name);

    /// <summary>Allocates the value as a string; obs-text bytes map one-to-one to U+0080-U+00FF (Latin-1).</summary>
    public string GetValueString() => Encoding.Latin1.GetString(Value);
}
