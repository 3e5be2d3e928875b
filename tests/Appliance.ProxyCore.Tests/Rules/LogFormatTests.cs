using System.Net;
using System.Text;
using Appliance.ProxyCore.Rules;
using Appliance.ProxyCore.Rules.LogFormat;
using Appliance.ProxyCore.Tests.Acl;

namespace Appliance.ProxyCore.Tests.Rules;

public class LogFormatTests
{
    private static string Render(string format, HttpTransaction transaction)
    {
        var compiled = LogFormatParser.Parse(format, "test", out var error);
        Assert.Null(error);
        var output = new StringBuilder();
        compiled!.Render(transaction, output);
        return output.ToString();
    }

    private static HttpTransaction Transaction(TestRequest? request = null) => new(request ?? new TestRequest("GET", "/live/a.m3u8?t=1", ("Host", "Media.Example.com"), ("Cookie", "SERVERID=s2")))
    {
        FrontendName = "https_frontend",
        BackendName = "hls",
        ServerName = "edge1",
        ServerAddress = IPAddress.Parse("10.0.0.31"),
        ServerPort = 5080,
        BackendSourceAddress = IPAddress.Parse("10.0.0.1"),
        BackendSourcePort = 40000,
        ServerResponseTime = 12,
        ActiveTime = 15,
        BytesRead = 2048,
        AcceptTime = new DateTimeOffset(2024, 3, 9, 14, 5, 6, 789, TimeSpan.FromHours(1)),
        HostName = "lb1",
        ProcessId = 4242,
        UniqueId = "abc-1",
        Response = new TestResponse(200),
    };

    [Fact]
    public void Render_ClientAddressAndPort_Yields127001Colon54321() =>
        Assert.Equal("127.0.0.1:54321", Render("%ci:%cp", Transaction()));

    [Theory]
    [InlineData("%fi:%fp", "127.0.0.1:80")]
    [InlineData("%f %b/%s", "https_frontend hls/edge1")]
    [InlineData("%bi:%bp %si:%sp", "10.0.0.1:40000 10.0.0.31:5080")]
    [InlineData("%ST %Tr %Ta %B", "200 12 15 2048")]
    [InlineData("%H %pid %ID", "lb1 4242 abc-1")]
    [InlineData("%HM %HP %HU %HV", "GET /live/a.m3u8 /live/a.m3u8?t=1 HTTP/1.1")]
    [InlineData("%r", "GET /live/a.m3u8?t=1 HTTP/1.1")]
    [InlineData("%t", "09/Mar/2024:14:05:06.789")]
    [InlineData("%T", "09/Mar/2024:13:05:06 +0000")]
    [InlineData("100%% %ci", "100% 127.0.0.1")]
    [InlineData("%[src]:%[src_port] %[dst]:%[dst_port]", "127.0.0.1:54321 127.0.0.1:80")]
    [InlineData("%[req.hdr(host),lower] %[hdr(host),upper]", "media.example.com MEDIA.EXAMPLE.COM")]
    [InlineData("%[path] %[method] %[req.cook(SERVERID)] %[ssl_fc]", "/live/a.m3u8 GET s2 0")]
    [InlineData("%[base]", "Media.Example.com/live/a.m3u8")]
    [InlineData("%[req.hdr(x-missing)]|%[ssl_fc_sni]", "-|-")]
    [InlineData("%[req.hdr(host),base64]", "TWVkaWEuRXhhbXBsZS5jb20=")]
    [InlineData("%{+Q}ci %{+Q}HM", "127.0.0.1 \"GET\"")]
    [InlineData("%{+X}ci:%{+X}cp", "7F000001:D431")]
    [InlineData("%{+Q}o%f %ci %{-Q}b", "\"https_frontend\" 127.0.0.1 hls")]
    [InlineData("%{+Q,+E}[req.hdr(x-q)]", "\"a\\\"b\\\\c\\]\"")]
    public void Render_Variables_WriteTheirValues(string format, string expected)
    {
        var transaction = Transaction();
        ((TestRequest)transaction.Request).AddHeader("X-Q", "a\"b\\c]");

        Assert.Equal(expected, Render(format, transaction));
    }

    [Fact]
    public void Render_BeforeSwitching_AbsentFactsAreDashes()
    {
        var transaction = new HttpTransaction(new TestRequest { IsTls = true }) { FrontendName = "fe" };

        Assert.Equal("fe~ - - - -1 -1", Render("%ft %b %s %si %ST %Tr", transaction));
    }

    [Fact]
    public void Parse_LiteralOnly_IsLiteral()
    {
        var format = LogFormatParser.Parse("https", "s", out _)!;

        Assert.True(format.IsLiteral);
        Assert.Equal("https", format.LiteralText);
        Assert.False(LogFormatParser.Parse("%ci", "s", out _)!.IsLiteral);
    }

    [Theory]
    [InlineData("%zz", "s: no such log-format variable '%zz' (write '%%' for a literal '%')")]
    [InlineData("%cip", "s: no such log-format variable '%cip' (write '%%' for a literal '%'); did you mean '%ci'?")]
    [InlineData("100%", "s: '%' at column 4 of the format is not followed by a variable; write '%%' for a literal '%'")]
    [InlineData("a %[src", "s: '%[' at column 3 of the format is never closed with ']'")]
    [InlineData("%{+Q", "s: '%{' at column 1 of the format is never closed with '}'")]
    [InlineData("%{+Z}ci", "s: unknown log-format flag '+Z' (expects '+Q', '+X' or '+E', or '-Q', '-X', '-E' to clear)")]
    [InlineData("%[sorc]", "s uses unknown fetch 'sorc' (docs/configuration.md lists the supported fetches); did you mean 'src'?")]
    [InlineData("%[path_beg]", "s uses unknown fetch 'path_beg' (docs/configuration.md lists the supported fetches)")]
    [InlineData("%[src,lowwer]", "s uses unknown converter 'lowwer', expects one of 'lower', 'upper' or 'base64'; did you mean 'lower'?")]
    public void Parse_BadFormat_ExplainsTheProblem(string format, string expected)
    {
        Assert.Null(LogFormatParser.Parse(format, "s", out var error));
        Assert.Equal(expected, error);
    }

    [Fact]
    public void Render_WarmBuilder_AllocatesNothing()
    {
        var format = LogFormatParser.Parse("%ci:%cp %[req.hdr(host),lower] %HM %b", "s", out _)!;
        var transaction = Transaction();
        var output = new StringBuilder(256);
        format.Render(transaction, output);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            output.Clear();
            format.Render(transaction, output);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal("127.0.0.1:54321 media.example.com GET hls", output.ToString());
    }
}
