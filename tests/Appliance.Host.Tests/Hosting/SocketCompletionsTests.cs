using Appliance.Host.Hosting;

namespace Appliance.Host.Tests.Hosting;

public sealed class SocketCompletionsTests
{
    [Fact]
    public void PreferInline_VariableUnset_SetsItToOne()
    {
        var environment = new Dictionary<string, string>();

        SocketCompletions.PreferInline(name => environment.GetValueOrDefault(name), (name, value) => environment[name] = value);

        Assert.Equal("1", environment["DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS"]);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("")]
    [InlineData("1")]
    public void PreferInline_OperatorSetTheVariable_KeepsTheirValue(string given)
    {
        var environment = new Dictionary<string, string> { ["DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS"] = given };

        SocketCompletions.PreferInline(name => environment.GetValueOrDefault(name), (name, value) => environment[name] = value);

        Assert.Equal(given, environment["DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS"]);
    }
}
