using Appliance.HaAgent.Linux;
using Appliance.HaAgent.Tests.Vrrp;

namespace Appliance.HaAgent.Tests.Linux;

public sealed class RtNetlinkTests
{
    [Fact]
    public void WriteAddressRequest_Add_IsCreateReplaceWithLocalAndAddress()
    {
        var buffer = new byte[64];
        var length = RtNetlink.WriteAddressRequest(buffer, add: true, 7, PacketSamples.Ip("10.213.0.10"), 24, 42);

        byte[] expected =
        [
            40, 0, 0, 0, 20, 0, 0x05, 0x05, 42, 0, 0, 0, 0, 0, 0, 0, // nlmsghdr: len 40, RTM_NEWADDR, REQUEST|ACK|REPLACE|CREATE, seq 42
            2, 24, 0, 0, 7, 0, 0, 0,                                // ifaddrmsg: AF_INET, /24, index 7
            8, 0, 2, 0, 10, 213, 0, 10,                             // IFA_LOCAL
            8, 0, 1, 0, 10, 213, 0, 10,                             // IFA_ADDRESS
        ];
        Assert.Equal(expected, buffer[..length]);
    }

    [Fact]
    public void WriteAddressRequest_Delete_CarriesOnlyLocalSoAnyPrefixMatches()
    {
        var buffer = new byte[64];
        var length = RtNetlink.WriteAddressRequest(buffer, add: false, 7, PacketSamples.Ip("10.213.0.10"), 24, 1);
        Assert.Equal(32, length);
        Assert.Equal((21, 0x05), (buffer[4], buffer[6]));
    }

    [Fact]
    public void ReadAck_ErrorForOurSequence_ReturnsPositiveErrno()
    {
        byte[] ack = [36, 0, 0, 0, 2, 0, 0, 0, 9, 0, 0, 0, 0, 0, 0, 0, 0xEF, 0xFF, 0xFF, 0xFF, .. new byte[16]];
        Assert.Equal(17, RtNetlink.ReadAck(ack, 9)); // -EEXIST
    }

    [Fact]
    public void ParseDump_TwoAddresses_KeepsThisInterfaceWithSecondaryFlag()
    {
        byte[] batch =
        [
            .. Address(index: 3, prefix: 24, flags: 0, 10, 213, 0, 11),
            .. Address(index: 3, prefix: 24, flags: 1, 10, 213, 0, 10),
            .. Address(index: 4, prefix: 8, flags: 0, 127, 0, 0, 1),
            20, 0, 0, 0, 3, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, // NLMSG_DONE
        ];
        var found = new List<(HaAgent.Net.Ipv4Address, int, bool)>();
        Assert.True(RtNetlink.ParseDump(batch, 3, found));
        Assert.Equal([(PacketSamples.Ip("10.213.0.11"), 24, false), (PacketSamples.Ip("10.213.0.10"), 24, true)], found);
    }

    private static byte[] Address(int index, byte prefix, byte flags, params byte[] address) =>
    [
        32, 0, 0, 0, 20, 0, 2, 0, 1, 0, 0, 0, 0, 0, 0, 0,
        2, prefix, flags, 0, (byte)index, 0, 0, 0,
        8, 0, 2, 0, .. address,
    ];
}
