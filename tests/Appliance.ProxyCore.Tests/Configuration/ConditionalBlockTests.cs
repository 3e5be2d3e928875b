using Appliance.ProxyCore.Configuration;

namespace Appliance.ProxyCore.Tests.Configuration;

public class ConditionalBlockTests
{
    private const string Tail = "    timeout client 1s\n";

    /// <summary>Wraps a condition around a bind and returns the port bound, or null when the block was skipped.</summary>
    private static int? PortWhen(string condition)
    {
        var result = ConfigTestHelper.Load($"frontend f\n    bind :1\n.if {condition}\n    bind :2\n.endif\n{Tail}");
        Assert.Empty(result.Errors);
        var binds = Assert.Single(result.Config!.Proxies).Binds;
        return binds.Count == 2 ? binds[1].Port : null;
    }

    [Theory]
    [InlineData("1", true)]
    [InlineData("0", false)]
    [InlineData("", false)]
    [InlineData("defined(PORT)", true)]
    [InlineData("defined(NOPE)", false)]
    [InlineData("defined(EMPTY)", true)]
    [InlineData("feature(OPENSSL)", true)]
    [InlineData("feature(QUIC)", false)]
    [InlineData("streq(a,a)", true)]
    [InlineData("streq(\"$PORT\",8080)", true)]
    [InlineData("strneq(a,b)", true)]
    [InlineData("strneq(a,a)", false)]
    [InlineData("version_atleast(2.6)", true)]
    [InlineData("version_atleast(2.6.0)", true)]
    [InlineData("version_atleast(2.4-dev3)", true)]
    [InlineData("version_atleast(2.7)", false)]
    [InlineData("version_before(2.7)", true)]
    [InlineData("version_before(2.6)", false)]
    [InlineData("!defined(NOPE)", true)]
    [InlineData("defined(PORT) && defined(NOPE)", false)]
    [InlineData("defined(NOPE) || 1", true)]
    [InlineData("0 && 1 || 1", true)]
    [InlineData("0 && (1 || 1)", false)]
    [InlineData("!(0 || 0)", true)]
    public void LoadText_IfCondition_KeepsBlockOnlyWhenTrue(string condition, bool kept) =>
        Assert.Equal(kept ? 2 : null, PortWhen(condition));

    [Fact]
    public void LoadText_ElifElseChain_TakesFirstTrueBranchOnly()
    {
        var result = ConfigTestHelper.Load(
            "frontend f\n.if 0\n    bind :1\n.elif 1\n    bind :2\n.elif 1\n    bind :3\n.else\n    bind :4\n.endif\n" + Tail);

        Assert.Equal([2], result.Config!.Proxies[0].Binds.Select(b => b.Port));
    }

    [Fact]
    public void LoadText_NestedBlocks_InnerSkippedWhenOuterFalse()
    {
        var result = ConfigTestHelper.Load(
            "frontend f\n    bind :1\n.if 0\n.if 1\n    bind :2\n.else\n    bind :3\n.endif\n.else\n.if 1\n    bind :4\n.endif\n.endif\n" + Tail);

        Assert.Equal([1, 4], result.Config!.Proxies[0].Binds.Select(b => b.Port));
    }

    [Fact]
    public void LoadText_WarningAndAlert_ReportTextOnlyWhenActive()
    {
        var diagnostics = ConfigTestHelper.Diagnostics(
            "global\n.warning \"check me\"\n.alert \"stop here\"\n.notice \"informational\"\n.diag \"debug\"\n.if 0\n.alert \"skipped\"\n.endif\n");

        Assert.Equal(["t.cfg:2: warning: check me", "t.cfg:3: error: stop here"], diagnostics);
    }

    [Fact]
    public void LoadText_UnbalancedBlocks_ReportEachAtItsLine()
    {
        var diagnostics = ConfigTestHelper.Diagnostics(
            "global\n.endif\n.else\n.if 1\n.else\n.elif 1\n.else\n.endif\n.if 1\n.if 0\n.endif\n");

        Assert.Equal(
        [
            $"t.cfg:2: error: {ConfigMessages.DirectiveWithoutIf(".endif")}",
            $"t.cfg:3: error: {ConfigMessages.DirectiveWithoutIf(".else")}",
            $"t.cfg:6: error: {ConfigMessages.ElifAfterElse()}",
            $"t.cfg:7: error: {ConfigMessages.DuplicateElse()}",
            $"t.cfg:9: error: {ConfigMessages.UnclosedIf()}",
        ], diagnostics);
    }

    [Theory]
    [InlineData("foo", "expects a number or a predicate such as 'defined(VAR)' (got 'foo')")]
    [InlineData("defined(A,B)", "'defined' expects 1 argument (got 2)")]
    [InlineData("streq(a)", "'streq' expects 2 arguments (got 1)")]
    [InlineData("defind(A)", "unknown predicate 'defind', expects one of 'defined', 'feature', 'streq', 'strneq', 'strstr', 'version_atleast' or 'version_before'; did you mean 'defined'?")]
    [InlineData("(1", "missing closing ')'")]
    [InlineData("1 1", "unexpected '1' (expects '&&', '||' or the end of the line)")]
    [InlineData("version_atleast(two)", "'version_atleast' expects a version such as '2.4' (got 'two')")]
    public void LoadText_BadCondition_ReportsErrorAndSkipsBlock(string condition, string detail)
    {
        var result = ConfigTestHelper.Load($"global\n.if {condition}\n    maxconn 5\n.endif\n");

        Assert.Equal([$"t.cfg:2: error: {ConfigMessages.BadCondition(".if", condition, detail)}"], result.Diagnostics.Select(d => d.ToString()));
        Assert.Null(result.Config!.Global.MaxConn);
    }

    [Fact]
    public void LoadText_UnknownDirective_ReportsHint()
    {
        Assert.Equal(
            [$"t.cfg:2: error: {ConfigMessages.UnknownDirective(".iff", ".if")}"],
            ConfigTestHelper.Diagnostics("global\n.iff 1\n"));
    }

    [Fact]
    public void UnknownDirective_Text_NamesDirectivesAndHint() =>
        Assert.Equal(
            "unknown directive '.iff' (expects '.if', '.elif', '.else', '.endif', '.diag', '.notice', '.warning' or '.alert'); did you mean '.if'?",
            ConfigMessages.UnknownDirective(".iff", ".if"));
}
