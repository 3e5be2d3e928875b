namespace Appliance.HaAgent.Discovery;

/// <summary>
/// The RDATA of one record. Two values are equal when their types and canonical RDATA (uncompressed, names in ASCII lower
/// case) are equal: the comparison mDNS needs for known answers (RFC 6762 §7.1), conflicts (§9) and probe tie-breaks
/// (§8.2).
/// </summary>
public abstract class DnsRecordData : IEquatable<DnsRecordData>
{
    private byte[]? _canonical;

    /// <summary>The record type this data belongs to.</summary>
    public abstract DnsRecordType Type { get; }

    /// <summary>The RDATA without compression and with names folded to lower case.</summary>
    public ReadOnlySpan<byte> Canonical => _canonical ??= CanonicalBytes();

    public bool Equals(DnsRecordData? other) =>
        other is not null && other.Type == Type && other.Canonical.SequenceEqual(Canonical);

    public override bool Equals(object? obj) => obj is DnsRecordData other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Type);
        hash.AddBytes(Canonical);
        return hash.ToHashCode();
    }

    /// <summary>Writes the RDATA (without RDLENGTH); names may point at earlier names where the type allows it.</summary>
    internal abstract void Write(DnsWireWriter writer);

    private byte[] CanonicalBytes()
    {
        var writer = new DnsWireWriter(compress: false, lowercase: true);
        Write(writer);
        return writer.ToArray();
    }
}
