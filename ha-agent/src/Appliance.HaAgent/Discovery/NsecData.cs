namespace Appliance.HaAgent.Discovery;

/// <summary>
/// NSEC RDATA (RFC 4034 §4.1) as mDNS uses it for negative answers (RFC 6762 §6.1): the next name is the owner name
/// itself, and the type bitmap lists the types the owner has. The codec reads and writes every window (RFC 4034 §4.1.2);
/// mDNS responders only use window 0. The next name is written uncompressed (RFC 4034 §4.1.1), which every reader
/// accepts; on read a compressed one is accepted too.
/// </summary>
public sealed class NsecData : DnsRecordData
{
    public NsecData(DnsName nextName, IEnumerable<DnsRecordType> types)
    {
        NextName = nextName;
        Types = [.. types.Distinct().Order()];
    }

    public DnsName NextName { get; }

    /// <summary>The types present, ascending.</summary>
    public IReadOnlyList<DnsRecordType> Types { get; }

    public override DnsRecordType Type => DnsRecordType.Nsec;

    public override string ToString() => $"{NextName} {string.Join(' ', Types.Select(t => t.Mnemonic()))}";

    internal override void Write(DnsWireWriter writer)
    {
        writer.WriteName(NextName, compress: false);
        foreach (var window in Types.GroupBy(t => (ushort)t >> 8))
        {
            var bitmap = new byte[32];
            var used = 0;
            foreach (var type in window)
            {
                var low = (ushort)type & 0xFF;
                bitmap[low / 8] |= (byte)(0x80 >> (low % 8));
                used = Math.Max(used, (low / 8) + 1);
            }

            writer.WriteByte((byte)window.Key);
            writer.WriteByte((byte)used);
            writer.WriteBytes(bitmap.AsSpan(0, used));
        }
    }
}
