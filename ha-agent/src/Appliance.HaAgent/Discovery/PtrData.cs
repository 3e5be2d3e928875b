namespace Appliance.HaAgent.Discovery;

/// <summary>PTR RDATA: one name (RFC 1035 §3.3.12); compressed on write (RFC 6762 §18.14).</summary>
public sealed class PtrData(DnsName target) : DnsRecordData
{
    public DnsName Target { get; } = target;

    public override DnsRecordType Type => DnsRecordType.Ptr;

    public override string ToString() => Target.ToString();

    internal override void Write(DnsWireWriter writer) => writer.WriteName(Target, compress: true);
}
