using Appliance.HaAgent.Arp;
using Appliance.HaAgent.Tests.Vrrp;

namespace Appliance.HaAgent.Tests.Arp;

public sealed class GarpFrameTests
{
    [Fact]
    public void Build_Vip_BroadcastArpRequestWithSenderAndTargetEqual()
    {
        var mac = GarpFrame.ParseMac("02:00:5e:00:01:33\n");
        var frame = GarpFrame.Build(mac, PacketSamples.Ip("10.213.0.10"));

        byte[] expected =
        [
            0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x02, 0x00, 0x5E, 0x00, 0x01, 0x33, 0x08, 0x06, // Ethernet
            0x00, 0x01, 0x08, 0x00, 6, 4, 0x00, 0x01,                                         // Ethernet/IPv4, request
            0x02, 0x00, 0x5E, 0x00, 0x01, 0x33, 10, 213, 0, 10,                               // sender MAC, sender IP
            0, 0, 0, 0, 0, 0, 10, 213, 0, 10,                                                 // target MAC zero, target IP = sender IP
        ];
        Assert.Equal(GarpFrame.Length, frame.Length);
        Assert.Equal(expected, frame[..42]);
        Assert.All(frame[42..], b => Assert.Equal(0, b));
    }

    [Fact]
    public void ParseMac_NotSixParts_Throws()
    {
        var error = Assert.Throws<FormatException>(() => GarpFrame.ParseMac("02:00:5e"));
        Assert.Equal("'02:00:5e' is not an Ethernet address", error.Message);
    }
}
