using Appliance.ProxyCore.Configuration;
using Appliance.ProxyCore.Configuration.Parsing;

namespace Appliance.ProxyCore.Tests.Configuration;

public class ConfigLexerTests
{
    private static readonly Func<string, string?> Env = name => ConfigTestHelper.Environment.GetValueOrDefault(name);

    private static IReadOnlyList<string> Words(string line)
    {
        var result = ConfigLexer.Lex(line, Env);
        Assert.Null(result.Error);
        return result.Words;
    }

    [Theory]
    [InlineData("  server   s1\t10.0.0.1:80  ", new[] { "server", "s1", "10.0.0.1:80" })]
    [InlineData("stats realm Haproxy\\ Statistics", new[] { "stats", "realm", "Haproxy Statistics" })]
    [InlineData("a \\#b # comment", new[] { "a", "#b" })]
    [InlineData("# only a comment", new string[0])]
    [InlineData("", new string[0])]
    [InlineData("a#b", new[] { "a" })]
    [InlineData("a \"b # c\"", new[] { "a", "b # c" })]
    [InlineData("a 'b # c'", new[] { "a", "b # c" })]
    [InlineData("a\"b c\"d", new[] { "ab cd" })]
    [InlineData("'x\\ty'", new[] { "x\\ty" })]
    [InlineData("\"x\\ty\"", new[] { "x\ty" })]
    [InlineData("a\\\\b", new[] { "a\\b" })]
    [InlineData("a\\'b\\\"c", new[] { "a'b\"c" })]
    [InlineData("agent-send \"ping\\r\\n\"", new[] { "agent-send", "ping\r\n" })]
    [InlineData("x \\x41\\x7a", new[] { "x", "Az" })]
    [InlineData("path_reg ^.*\\.(m3u8|ts)$", new[] { "path_reg", "^.*\\.(m3u8|ts)$" })]
    [InlineData("set-header X \"\"", new[] { "set-header", "X", "" })]
    [InlineData("'$PORT' $PORT", new[] { "$PORT", "$PORT" })]
    public void Lex_QuotesAndEscapes_ProduceHaproxyWords(string line, string[] expected) =>
        Assert.Equal(expected, Words(line));

    [Theory]
    [InlineData("\"${PORT}\"", "8080")]
    [InlineData("\"$PORT\"", "8080")]
    [InlineData("\"$PORT/x\"", "8080/x")]
    [InlineData("\"${HOME_DIR}/certs\"", "/home/lb/certs")]
    [InlineData("\"${NOPE-fallback}\"", "fallback")]
    [InlineData("\"${PORT-fallback}\"", "8080")]
    [InlineData("\"${EMPTY-fallback}\"", "")]
    [InlineData("\"${NOPE}\"x", "x")]
    [InlineData("a\"${PORT}\"b", "a8080b")]
    [InlineData("\"cost $\"", "cost $")]
    public void Lex_EnvironmentVariablesInDoubleQuotes_AreExpanded(string word, string expected) =>
        Assert.Equal([expected], Words(word));

    [Theory]
    [InlineData("description \"abc", "unmatched double quote opened at column 13")]
    [InlineData("description 'abc", "unmatched single quote opened at column 13")]
    [InlineData("x \\x4", "invalid '\\x' escape at column 3: expects two hexadecimal digits, e.g. '\\x41'")]
    [InlineData("x \\xZZ", "invalid '\\x' escape at column 3: expects two hexadecimal digits, e.g. '\\x41'")]
    [InlineData("x \"${PORT\"", "environment variable at column 4 has no closing '}'")]
    public void Lex_MalformedLine_ReportsError(string line, string expected)
    {
        var result = ConfigLexer.Lex(line, Env);

        Assert.Equal(expected, result.Error);
        Assert.Empty(result.Words);
    }

    [Fact]
    public void LoadText_UnterminatedQuote_ReportsLineAndContinues()
    {
        var diagnostics = ConfigTestHelper.Diagnostics("global\n    description \"abc\n    maxconn x\n");

        Assert.Equal(
        [
            $"t.cfg:2: error: {ConfigMessages.UnmatchedQuote('"', 17)}",
            $"t.cfg:3: error: {ConfigMessages.ExpectsInteger("maxconn", ConfigMessages.InGlobal, 1, int.MaxValue, "x")}",
        ], diagnostics);
    }

    [Fact]
    public void LoadText_SetenvInGlobal_IsVisibleToLaterLines()
    {
        var result = ConfigTestHelper.Load(
            "global\n    setenv LB_PORT 9000\n    presetenv PORT 1\n    presetenv OTHER 7\n    unsetenv HOME_DIR\n" +
            "frontend f\n    bind \"*:${LB_PORT}\"\n    bind \"*:${PORT}\"\n    bind \"*:${OTHER}\"\n    description \"${HOME_DIR-gone}\"\n" +
            "    timeout client 1s\n");

        var frontend = Assert.Single(result.Config!.Proxies);
        Assert.Equal([9000, 8080, 7], frontend.Binds.Select(b => b.Port));
        Assert.Equal("gone", frontend.Description);
    }

    [Fact]
    public void LoadText_ResetenvKeepsOnlyNamedVariables()
    {
        var result = ConfigTestHelper.Load(
            "global\n    resetenv PORT\nfrontend f\n    bind \"*:${PORT}\"\n    description \"${HOME_DIR-reset}\"\n    timeout client 1s\n");

        var frontend = Assert.Single(result.Config!.Proxies);
        Assert.Equal(8080, Assert.Single(frontend.Binds).Port);
        Assert.Equal("reset", frontend.Description);
    }
}
