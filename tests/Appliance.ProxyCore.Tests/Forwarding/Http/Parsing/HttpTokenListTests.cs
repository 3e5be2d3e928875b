using System.Text;
using Appliance.ProxyCore.Forwarding.Http.Parsing;

namespace Appliance.ProxyCore.Tests.Forwarding.Http.Parsing;

public class HttpTokenListTests
{
    private static string Elements(string value)
    {
        var parts = new List<string>();
        foreach (var element in new HttpTokenList(Encoding.ASCII.GetBytes(value)))
        {
            parts.Add(Encoding.ASCII.GetString(element));
        }

        return string.Join("|", parts);
    }

    [Theory]
    [InlineData("close", "close")]
    [InlineData(" a ,\tb\t, c ", "a|b|c")]
    [InlineData("a,,b", "a||b")]
    [InlineData("a,", "a|")]
    [InlineData(",a", "|a")]
    [InlineData("a b, c", "a b|c")]
    [InlineData("", "")]
    [InlineData(" \t ", "")]
    public void Enumerate_Value_ElementsTrimmedWithEmptyOnesKept(string value, string expected)
    {
        Assert.Equal(expected, Elements(value));
    }

    [Fact]
    public void Enumerate_OnlyAComma_TwoEmptyElements()
    {
        var count = 0;
        foreach (var element in new HttpTokenList(","u8))
        {
            Assert.True(element.IsEmpty);
            count++;
        }

        Assert.Equal(2, count);
    }
}
