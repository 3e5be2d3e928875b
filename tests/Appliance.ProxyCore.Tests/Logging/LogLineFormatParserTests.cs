using Appliance.ProxyCore.Logging;

namespace Appliance.ProxyCore.Tests.Logging;

public sealed class LogLineFormatParserTests
{
    private const string Subject = "'log-format' in frontend 'fe'";

    [Theory]
    [InlineData("%ci %ID", "'log-format' in frontend 'fe': log-format variable '%ID' is not supported by this build (supported: see 'log-format' in docs/configuration.md)")]
    [InlineData("%Th/%Ti", "'log-format' in frontend 'fe': log-format variable '%Th' is not supported by this build (supported: see 'log-format' in docs/configuration.md)")]
    [InlineData("%ci %zzzzz", "'log-format' in frontend 'fe': no such log-format variable '%zzzzz' (write '%%' for a literal '%')")]
    [InlineData("%[src]", "'log-format' in frontend 'fe': sample expressions ('%[...]' at column 1) are not supported in access-log formats; use the '%' variables")]
    [InlineData("%{+X}ci", "'log-format' in frontend 'fe': flag '+X' on '%ci' is not supported in access-log formats (only '+Q' is)")]
    [InlineData("%{+Z}ci", "'log-format' in frontend 'fe': unknown log-format flag '+Z' (expects '+Q', '+X' or '+E', or '-Q', '-X', '-E' to clear)")]
    [InlineData("a % b", "'log-format' in frontend 'fe': '%' at column 3 of the format is not followed by a variable; write '%%' for a literal '%'")]
    [InlineData("%{+Q", "'log-format' in frontend 'fe': '%{' at column 1 of the format is never closed with '}'")]
    public void Parse_BadFormat_ErrorNamesTheVariable(string format, string expected)
    {
        Assert.Null(LogLineFormatParser.Parse(format, Subject, http: true, out var error));
        Assert.Equal(expected, error);
    }

    [Theory]
    [InlineData("%r")]
    [InlineData("%ST")]
    [InlineData("%hr")]
    [InlineData("%tsc")]
    public void Parse_HttpVariableOnTcpFrontend_Error(string format)
    {
        Assert.Null(LogLineFormatParser.Parse(format, Subject, http: false, out var error));
        Assert.Equal($"{Subject}: log-format variable '{format}' needs 'mode http' (the frontend is in TCP mode)", error);
    }

    [Fact]
    public void Parse_PercentPercent_LiteralPercent()
    {
        var format = LogLineFormatParser.Parse("100%% %ST", Subject, http: true, out _);

        Assert.NotNull(format);
        var buffer = new byte[64];
        var n = format.Format(LogTestData.Ok("GET / HTTP/1.1"u8), TimeZoneInfo.Utc, buffer);
        Assert.Equal("100% 200", System.Text.Encoding.ASCII.GetString(buffer, 0, n));
    }
}
