using System.Net;
using Appliance.HaAgent.Discovery;

namespace Appliance.HaAgent.Tests.Discovery;

/// <summary>Golden messages, written out byte by byte from RFC 1035 §4.1 and RFC 6762 §18, and the values they carry.</summary>
internal static class DnsSamples
{
    public static readonly DnsName Service = DnsName.Parse("_appliance._tcp.local");
    public static readonly DnsName Instance = DnsName.Parse("lb1._appliance._tcp.local");
    public static readonly DnsName Host = DnsName.Parse("lb1.local");

    /// <summary>A QM query for PTR _appliance._tcp.local.</summary>
    public const string PtrQueryHex =
        "0000" + "0000" + "0001" + "0000" + "0000" + "0000"  // ID 0, flags 0, one question
        + "0A5F6170706C69616E6365" + "045F746370" + "056C6F63616C" + "00" // _appliance _tcp local root
        + "000C" + "0001";                                   // PTR, IN (QU bit clear)

    /// <summary>
    /// A response: answer PTR -> lb1._appliance._tcp.local; additional SRV 0 0 7400 lb1.local, TXT and A 10.213.0.11,
    /// the unique ones with the cache-flush bit; every repeated suffix compressed.
    /// </summary>
    public const string ResponseHex =
        "0000" + "8400" + "0000" + "0001" + "0000" + "0003"   // ID 0, QR AA, 1 answer, 3 additional
        // offset 12: _appliance(12) _tcp(23) local(28) root(34)
        + "0A5F6170706C69616E6365" + "045F746370" + "056C6F63616C" + "00"
        + "000C" + "0001" + "00001194" + "0006"                // PTR IN TTL 4500, 6 bytes
        + "036C6231" + "C00C"                                  // offset 45: lb1, then -> 12
        + "C02D" + "0021" + "8001" + "00000078" + "000C"       // SRV name -> 45, IN|flush, TTL 120, 12 bytes
        + "0000" + "0000" + "1CE8"                             // priority 0, weight 0, port 7400
        + "036C6231" + "C01C"                                  // offset 69: lb1, then -> 28 (local)
        + "C02D" + "0010" + "8001" + "00001194" + "001E"       // TXT name -> 45, TTL 4500, 30 bytes
        + "0A636C75737465723D6331"                             // cluster=c1
        + "086E6F64653D6C6231"                                 // node=lb1
        + "0973796E633D37343030"                               // sync=7400
        + "C045" + "0001" + "8001" + "00000078" + "0004"       // A name -> 69 (lb1.local), TTL 120
        + "0AD5000B";                                          // 10.213.0.11

    public static byte[] Bytes(string hex) => Convert.FromHexString(hex);

    public static DnsMessage PtrQuery => DnsMessage.Query([new DnsQuestion(Service, DnsRecordType.Ptr)]);

    public static DnsMessage Response => DnsMessage.Response(
        [new DnsRecord(Service, new PtrData(Instance), 4500)],
        [
            new DnsRecord(Instance, new SrvData(0, 0, 7400, Host), 120, CacheFlush: true),
            new DnsRecord(Instance, TxtData.FromPairs([new("cluster", "c1"), new("node", "lb1"), new("sync", "7400")]), 4500, CacheFlush: true),
            new DnsRecord(Host, new AddressData(IPAddress.Parse("10.213.0.11")), 120, CacheFlush: true),
        ]);

    public static DnsMessage Read(byte[] bytes)
    {
        Assert.True(DnsMessageReader.TryRead(bytes, out var message, out var error), error);
        return message!;
    }
}
