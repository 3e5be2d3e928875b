using Appliance.ProxyCore.Health;

namespace Appliance.ProxyCore.Tests.Health;

public sealed class ProbeResultTests
{
    public static TheoryData<ProbeResult, string> Descriptions => new()
    {
        { ProbeResult.Layer4Passed(), "Layer4 check passed" },
        { ProbeResult.Layer4Timeout(), "Layer4 timeout" },
        { ProbeResult.Layer4ConnectionProblem("Connection refused"), "Layer4 connection problem, info: \"Connection refused\"" },
        { ProbeResult.SocketError("Connection reset by peer"), "Socket error, info: \"Connection reset by peer\"" },
        { ProbeResult.Layer7Timeout(), "Layer7 timeout" },
        { ProbeResult.Layer7InvalidResponse(), "Layer7 invalid response" },
        { new ProbeResult(CheckStatus.Layer7WrongStatus, 503, "Service Unavailable"), "Layer7 wrong status, code: 503, info: \"Service Unavailable\"" },
        { new ProbeResult(CheckStatus.Layer7Passed, 200, "OK"), "Layer7 check passed, code: 200, info: \"OK\"" },
    };

    [Theory]
    [MemberData(nameof(Descriptions))]
    public void Describe_EachStatus_UsesHAProxyLogWording(ProbeResult result, string expected)
    {
        Assert.Equal(expected, result.Describe());
    }

    [Theory]
    [InlineData(CheckStatus.Layer4Passed, true)]
    [InlineData(CheckStatus.Layer7Passed, true)]
    [InlineData(CheckStatus.Layer4Timeout, false)]
    [InlineData(CheckStatus.Layer4ConnectionProblem, false)]
    [InlineData(CheckStatus.SocketError, false)]
    [InlineData(CheckStatus.Layer7Timeout, false)]
    [InlineData(CheckStatus.Layer7InvalidResponse, false)]
    [InlineData(CheckStatus.Layer7WrongStatus, false)]
    public void Passed_EachStatus_OnlyPassStatusesPass(CheckStatus status, bool expected)
    {
        Assert.Equal(expected, new ProbeResult(status).Passed);
    }
}
