using Appliance.HaAgent.Sync.Grpc;

namespace Appliance.HaAgent.Tests.Sync.Grpc;

public class GrpcStatusMessageTests
{
    [Theory]
    [InlineData("plain text stays", "plain text stays")]
    [InlineData("100%", "100%25")]
    [InlineData("line\nbreak", "line%0Abreak")]
    [InlineData("tab\there", "tab%09here")]
    [InlineData("café", "caf%C3%A9")]
    [InlineData("~ and space and !", "~ and space and !")]
    [InlineData("\u007F", "%7F")]
    [InlineData("€", "%E2%82%AC")]
    public void Encode_AsTheSpecSays(string message, string expected)
    {
        Assert.Equal(expected, GrpcStatusMessage.Encode(message));
    }

    [Theory]
    [InlineData("100%25", "100%")]
    [InlineData("caf%C3%A9", "café")]
    [InlineData("caf%c3%a9", "café")]
    [InlineData("no escapes", "no escapes")]
    public void Decode_Encoded_GivesTheText(string value, string expected)
    {
        Assert.Equal(expected, GrpcStatusMessage.Decode(value));
    }

    [Theory]
    [InlineData("50%", "50%")]
    [InlineData("%ZZ end", "%ZZ end")]
    [InlineData("%4", "%4")]
    public void Decode_MalformedEscape_KeepsItAsIs(string value, string expected)
    {
        Assert.Equal(expected, GrpcStatusMessage.Decode(value));
    }

    [Fact]
    public void Decode_InvalidUtf8_BecomesReplacementCharacter()
    {
        Assert.Equal("a\uFFFDb", GrpcStatusMessage.Decode("a%FFb"));
    }

    [Fact]
    public void EncodeThenDecode_Unicode_RoundTrips()
    {
        const string text = "Ünïcødé ✓ 100% \r\n done";
        Assert.Equal(text, GrpcStatusMessage.Decode(GrpcStatusMessage.Encode(text)));
    }
}
