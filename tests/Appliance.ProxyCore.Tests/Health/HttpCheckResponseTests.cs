using System.Text;
using Appliance.ProxyCore.Health;

namespace Appliance.ProxyCore.Tests.Health;

public sealed class HttpCheckResponseTests
{
    private static ProbeResult? Evaluate(string received, bool closed = false, int? expect = null) =>
        HttpCheckResponse.Evaluate(Encoding.Latin1.GetBytes(received), closed, expect);

    [Theory]
    [InlineData("HTTP/1.0 200 OK\r\n", 200, "OK")]
    [InlineData("HTTP/1.1 204 No Content\r\nServer: x\r\n", 204, "No Content")]
    [InlineData("HTTP/1.1 302 Found\n", 302, "Found")]
    [InlineData("HTTP/1.1 200\r\n", 200, null)]
    public void Evaluate_2xxOr3xxWithoutExpect_Passes(string received, int code, string? info)
    {
        Assert.Equal(new ProbeResult(CheckStatus.Layer7Passed, code, info), Evaluate(received));
    }

    [Theory]
    [InlineData("HTTP/1.0 503 Service Unavailable\r\n", 503)]
    [InlineData("HTTP/1.1 404 Not Found\r\n", 404)]
    [InlineData("HTTP/1.1 101 Switching Protocols\r\n", 101)]
    public void Evaluate_OtherStatusWithoutExpect_WrongStatus(string received, int code)
    {
        var result = Evaluate(received);

        Assert.Equal(CheckStatus.Layer7WrongStatus, result?.Status);
        Assert.Equal(code, result?.Code);
    }

    [Fact]
    public void Evaluate_ExpectStatus_OnlyThatCodePasses()
    {
        Assert.True(Evaluate("HTTP/1.1 404 Not Found\r\n", expect: 404)?.Passed);
        Assert.Equal(CheckStatus.Layer7WrongStatus, Evaluate("HTTP/1.1 200 OK\r\n", expect: 204)?.Status);
    }

    [Theory]
    [InlineData("garbage\r\n")]
    [InlineData("HTTP/1.1 20 OK\r\n")]
    [InlineData("HTTP/1.1 2000 OK\r\n")]
    [InlineData("HTTP/1.1  200 OK\r\n")]
    [InlineData("HTTP/x.1 200 OK\r\n")]
    [InlineData("http/1.1 200 OK\r\n")]
    [InlineData("HTTP/1.1 099 Low\r\n")]
    [InlineData("SSH-2.0-OpenSSH_9.2\r\n")]
    [InlineData("\r\n")]
    public void Evaluate_MalformedStatusLine_InvalidResponse(string received)
    {
        Assert.Equal(ProbeResult.Layer7InvalidResponse(), Evaluate(received));
    }

    [Fact]
    public void Evaluate_IncompleteLine_AsksForMore()
    {
        Assert.Null(Evaluate("HTTP/1.1 200 O"));
        Assert.Null(Evaluate(""));
    }

    [Fact]
    public void Evaluate_ClosedWithoutAnyByte_InvalidEmptyResponse()
    {
        Assert.Equal(ProbeResult.Layer7InvalidResponse("empty response"), Evaluate("", closed: true));
    }

    [Fact]
    public void Evaluate_ClosedAfterStatusLineWithoutLineEnd_JudgesIt()
    {
        Assert.Equal(new ProbeResult(CheckStatus.Layer7Passed, 200, "OK"), Evaluate("HTTP/1.0 200 OK", closed: true));
    }

    [Fact]
    public void Evaluate_NoLineEndWithinLimit_InvalidResponse()
    {
        var result = Evaluate(new string('A', HttpCheckResponse.MaxStatusLineLength));

        Assert.Equal(ProbeResult.Layer7InvalidResponse("status line longer than 1024 bytes"), result);
    }

    [Fact]
    public void Evaluate_ReasonWithQuotesAndControls_SanitizedAndCapped()
    {
        var result = Evaluate("HTTP/1.1 500 \"bad\"\u0001" + new string('x', 100) + "\r\n");

        Assert.Equal(64, result?.Info?.Length);
        Assert.StartsWith("?bad??", result?.Info, StringComparison.Ordinal);
    }
}
