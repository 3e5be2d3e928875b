using System.Net;
using Appliance.HaAgent.Discovery;

namespace Appliance.HaAgent.Tests.Discovery;

public sealed class DnsMessageCodecTests
{
    [Fact]
    public void Write_PtrQuery_MatchesGoldenBytes()
    {
        Assert.Equal(DnsSamples.PtrQueryHex, Convert.ToHexString(DnsMessageWriter.Write(DnsSamples.PtrQuery)));
    }

    [Fact]
    public void Read_PtrQueryGoldenBytes_GivesOneQmPtrQuestion()
    {
        var message = DnsSamples.Read(DnsSamples.Bytes(DnsSamples.PtrQueryHex));

        Assert.False(message.IsResponse);
        Assert.Equal(0, message.Id);
        var question = Assert.Single(message.Questions);
        Assert.Equal(DnsSamples.Service, question.Name);
        Assert.Equal(DnsRecordType.Ptr, question.Type);
        Assert.False(question.UnicastResponse);
        Assert.Equal(DnsClass.Internet, question.Class);
        Assert.Empty(message.AllRecords);
    }

    [Fact]
    public void Write_ResponseWithPtrSrvTxtA_CompressesToGoldenBytes()
    {
        Assert.Equal(DnsSamples.ResponseHex, Convert.ToHexString(DnsMessageWriter.Write(DnsSamples.Response)));
    }

    [Fact]
    public void Read_ResponseGoldenBytes_FollowsPointersAndKeepsCacheFlushBits()
    {
        var message = DnsSamples.Read(DnsSamples.Bytes(DnsSamples.ResponseHex));

        Assert.True(message.IsResponse);
        Assert.True(message.Authoritative);
        var ptr = Assert.Single(message.Answers);
        Assert.Equal(DnsSamples.Service, ptr.Name);
        Assert.Equal(DnsSamples.Instance, Assert.IsType<PtrData>(ptr.Data).Target);
        Assert.Equal(4500u, ptr.Ttl);
        Assert.False(ptr.CacheFlush);
        Assert.Equal(3, message.Additionals.Count);
        var srv = Assert.IsType<SrvData>(message.Additionals[0].Data);
        Assert.Equal((0, 0, 7400, DnsSamples.Host), (srv.Priority, srv.Weight, srv.Port, srv.Target));
        Assert.True(message.Additionals[0].CacheFlush);
        Assert.Equal(DnsClass.Internet, message.Additionals[0].Class);
        var txt = Assert.IsType<TxtData>(message.Additionals[1].Data).ToPairs();
        Assert.Equal("c1/lb1/7400", $"{txt["cluster"]}/{txt["node"]}/{txt["sync"]}");
        Assert.Equal(DnsSamples.Host, message.Additionals[2].Name);
        Assert.Equal(IPAddress.Parse("10.213.0.11"), Assert.IsType<AddressData>(message.Additionals[2].Data).Address);
        Assert.All(DnsSamples.Response.AllRecords.Zip(message.AllRecords), p => Assert.True(p.First == p.Second, $"{p.First} != {p.Second}"));
    }

    [Fact]
    public void WriteThenRead_AaaaNsecOpaqueAndDottedInstance_RoundTrip()
    {
        var instance = DnsName.FromLabels(["lb1 (2) a.b", "_appliance", "_tcp", "local"]);
        var message = new DnsMessage(
            0x1234, true, 0, true, false, false, 0,
            [new DnsQuestion(instance, DnsRecordType.Any, UnicastResponse: true)],
            [
                new DnsRecord(DnsSamples.Host, new AddressData(IPAddress.Parse("fd00::11")), 120, CacheFlush: true),
                new DnsRecord(instance, new NsecData(instance, [DnsRecordType.Txt, DnsRecordType.Srv, (DnsRecordType)300]), 4500, CacheFlush: true),
                new DnsRecord(DnsSamples.Host, new OpaqueData((DnsRecordType)13, [3, 0x61, 0x62, 0x63, 0]), 120),
                new DnsRecord(instance, new TxtData([]), 4500),
            ],
            [new DnsRecord(DnsSamples.Host, new AddressData(IPAddress.Parse("10.0.0.1")), 120)],
            []);

        var read = DnsSamples.Read(DnsMessageWriter.Write(message));

        Assert.Equal(0x1234, read.Id);
        Assert.Equal(instance, read.Questions[0].Name);
        Assert.Equal("lb1 (2) a\\.b._appliance._tcp.local", read.Questions[0].Name.ToString());
        Assert.True(read.Questions[0].UnicastResponse);
        Assert.Equal(message.AllRecords, read.AllRecords);
        Assert.Equal([DnsRecordType.Txt, DnsRecordType.Srv, (DnsRecordType)300], ((NsecData)read.Answers[1].Data).Types);
        Assert.Equal([0], new TxtData([]).Canonical.ToArray());
    }

    [Fact]
    public void DnsName_CaseDiffersInAscii_AreEqualWithEqualHashes()
    {
        var a = DnsName.Parse("LB1._Appliance._TCP.Local");

        Assert.Equal(DnsSamples.Instance, a);
        Assert.Equal(DnsSamples.Instance.GetHashCode(), a.GetHashCode());
        Assert.NotEqual(DnsName.Parse("lb1.local"), DnsName.Parse("lb2.local"));
        Assert.True(DnsSamples.Instance.IsAtOrBelow(DnsSamples.Service));
        Assert.Equal(DnsSamples.Service, DnsSamples.Instance.Parent);
    }

    [Theory]
    [InlineData("000000000001000000000000" + "0261610161", "question 1: a name runs past the end of the message")]
    [InlineData("000000000001000000000000C00C00010001", "question 1: a compression pointer at 12 to 12 does not point backwards (a loop)")]
    [InlineData("00000000000100000000000001 61 C00C00010001", "question 1: a compression pointer at 14 to 12 does not point backwards (a loop)")]
    [InlineData("000000000001000000000000C01000010001", "question 1: a compression pointer at 12 to 16 does not point backwards (a loop)")]
    [InlineData("000000000001000000000000" + "0A61626364", "question 1: a label runs past the end of the message")]
    [InlineData("000000000001000000000000016100000C", "question 1: truncated after the name")]
    [InlineData("000000000001000000000000416100000C0001", "question 1: reserved label type 0x40 at 12")]
    [InlineData("00000000", "4 bytes is shorter than the 12-byte header")]
    [InlineData("000084000000000500000000016100", "the header counts 0 questions and 5 records, more than 15 bytes can hold")]
    [InlineData("000084000000000100000000016100000100010000007800030A0000", "answer record 1: A a: an address of 3 bytes; expected 4")]
    [InlineData("00008400000000010000000001610000010001000000780009" + "0A000001", "answer record 1: RDATA of 9 bytes runs past the end of the message")]
    [InlineData("0000840000000001000000000161000010000100000078000305616263", "answer record 1: TXT a: a TXT string of 5 bytes runs past the RDATA")]
    [InlineData("000084000000000100000000016100000C0001000000780004016200" + "00", "answer record 1: PTR a: 1 bytes after the name in the RDATA")]
    [InlineData("000084000000000100000000016100002100010000007800050000000000", "answer record 1: SRV a: 5 bytes is too short for SRV")]
    [InlineData("000084000000000100000000016100002F0001000000780004" + "00000300", "answer record 1: NSEC a: a malformed NSEC type bitmap window")]
    public void TryRead_Malformed_RefusedWithReason(string hex, string reason)
    {
        var ok = DnsMessageReader.TryRead(Convert.FromHexString(hex.Replace(" ", string.Empty, StringComparison.Ordinal)), out var message, out var error);

        Assert.False(ok);
        Assert.Null(message);
        Assert.Equal(reason, error);
    }

    [Fact]
    public void TryRead_EveryTruncationAndEveryByteFlipOfTheGoldenResponse_NeverThrows()
    {
        var golden = DnsSamples.Bytes(DnsSamples.ResponseHex);
        var refused = 0;
        for (var length = 0; length < golden.Length; length++)
        {
            refused += DnsMessageReader.TryRead(golden.AsSpan(0, length), out _, out _) ? 0 : 1;
        }

        for (var i = 0; i < golden.Length; i++)
        {
            foreach (var value in new byte[] { 0x00, 0x3F, 0x40, 0xC0, 0xFF, (byte)~golden[i] })
            {
                var mutated = (byte[])golden.Clone();
                mutated[i] = value;
                DnsMessageReader.TryRead(mutated, out _, out _);
            }
        }

        // Every strict prefix cuts a section short.
        Assert.Equal(golden.Length, refused);
    }
}
