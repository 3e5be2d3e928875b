namespace Appliance.HaAgent.Discovery;

/// <summary>The RDATA of a type the codec does not interpret (HINFO, CNAME, ...), kept as bytes so it round-trips.</summary>
public sealed class OpaqueData(DnsRecordType type, byte[] bytes) : DnsRecordData
{
    public byte[] Bytes { get; } = bytes;

    public override DnsRecordType Type { get; } = type;

    public override string ToString() => $"{Type.Mnemonic()} {Convert.ToHexString(Bytes)}";

    internal override void Write(DnsWireWriter writer) => writer.WriteBytes(Bytes);
}
