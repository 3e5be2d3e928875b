using Appliance.Host.Hosting;

namespace Appliance.Host.Tests.Hosting;

public sealed class InlineSocketCompletionsTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Choose_NothingInherited_RunsCompletionsInline(string? inherited)
    {
        Assert.Equal("1", InlineSocketCompletions.Choose(inherited));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1")]
    public void Choose_OperatorSetTheVariable_LeavesItAsItIs(string inherited)
    {
        Assert.Null(InlineSocketCompletions.Choose(inherited));
    }
}
