using Appliance.HaAgent.Net;

namespace Appliance.HaAgent.Tests.Net;

public sealed class InternetChecksumTests
{
    [Fact]
    public void Finish_Rfc1071Example_MatchesTheWorkedSum()
    {
        // RFC 1071 §3: bytes 00 01 f2 03 f4 f5 f6 f7 sum to 0xddf2 after the end-around carry; the checksum is its complement 0x220d.
        byte[] data = [0x00, 0x01, 0xF2, 0x03, 0xF4, 0xF5, 0xF6, 0xF7];

        Assert.Equal((ushort)0x220D, InternetChecksum.Finish(InternetChecksum.Add(0, data)));
    }

    [Fact]
    public void Add_OddLength_PadsWithZero()
    {
        Assert.Equal(InternetChecksum.Add(0, [0x12, 0x34, 0x56, 0x00]), InternetChecksum.Add(0, [0x12, 0x34, 0x56]));
    }
}
