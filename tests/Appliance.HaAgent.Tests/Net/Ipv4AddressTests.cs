using System.Net;
using Appliance.HaAgent.Net;

namespace Appliance.HaAgent.Tests.Net;

public sealed class Ipv4AddressTests
{
    [Theory]
    [InlineData("10.0.0.1", 0x0A000001u)]
    [InlineData("0.0.0.0", 0u)]
    [InlineData("255.255.255.255", 0xFFFFFFFFu)]
    [InlineData("224.0.0.18", 0xE0000012u)]
    public void TryParse_DottedQuad_GivesHostOrderValue(string text, uint value)
    {
        Assert.True(Ipv4Address.TryParse(text, out var address));
        Assert.Equal(value, address.Value);
        Assert.Equal(text, address.ToString());
    }

    [Theory]
    [InlineData("10.1")]
    [InlineData("10.0.0.010")]
    [InlineData("10.0.0.256")]
    [InlineData("10.0.0.-1")]
    [InlineData("10.0.0.1 ")]
    [InlineData("10..0.1")]
    [InlineData("::1")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParse_NotADottedQuad_ReturnsFalse(string? text)
    {
        Assert.False(Ipv4Address.TryParse(text, out _));
    }

    [Fact]
    public void CompareTo_UsesUnsignedValue_SoHighFirstOctetIsGreater()
    {
        Assert.True(new Ipv4Address(0xC0A80001) > new Ipv4Address(0x0A000001));
        Assert.Equal(IPAddress.Parse("192.168.0.1"), new Ipv4Address(0xC0A80001).ToIPAddress());
        Assert.Equal(new Ipv4Address(0xC0A80001), Ipv4Address.FromIPAddress(IPAddress.Parse("192.168.0.1")));
    }
}
