namespace Appliance.HaAgent.Discovery;

/// <summary>
/// SRV RDATA (RFC 2782): priority, weight, port and target host. mDNS allows the target to be compressed (RFC 6762 §18.14),
/// and we compress it.
/// </summary>
public sealed class SrvData(ushort priority, ushort weight, ushort port, DnsName target) : DnsRecordData
{
    public ushort Priority { get; } = priority;

    public ushort Weight { get; } = weight;

    public ushort Port { get; } = port;

    public DnsName Target { get; } = target;

    public override DnsRecordType Type => DnsRecordType.Srv;

    public override string ToString() => $"{Priority} {Weight} {Port} {Target}";

    internal override void Write(DnsWireWriter writer)
    {
        writer.WriteUInt16(Priority);
        writer.WriteUInt16(Weight);
        writer.WriteUInt16(Port);
        writer.WriteName(Target, compress: true);
    }
}
