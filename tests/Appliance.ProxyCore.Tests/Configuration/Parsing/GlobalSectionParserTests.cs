using Appliance.ProxyCore.Configuration;

namespace Appliance.ProxyCore.Tests.Configuration.Parsing;

/// <summary><c>global</c> <c>user</c>/<c>uid</c> and <c>group</c>/<c>gid</c>: by name or by number, each given once.</summary>
public sealed class GlobalSectionParserTests
{
    private const string Tail = "defaults\n    mode tcp\n";

    [Fact]
    public void Parse_UidAndGid_KeptWithTheirIds()
    {
        var global = ConfigTestHelper.Load("global\n    uid 4242\n    gid 4343\n" + Tail).Config!.Global;

        Assert.Equal(new AccountSetting("uid", "4242", 4242, new SourceLocation("t.cfg", 2)), global.User);
        Assert.Equal(new AccountSetting("gid", "4343", 4343, new SourceLocation("t.cfg", 3)), global.Group);
        Assert.Empty(global.DeferredLines);
    }

    [Fact]
    public void Parse_NumericUserAndGroup_KeptAsNamesForTheHostToLookUp()
    {
        var global = ConfigTestHelper.Load("global\n    user 65534\n    group nogroup\n" + Tail).Config!.Global;

        Assert.Equal(new AccountSetting("user", "65534", null, new SourceLocation("t.cfg", 2)), global.User);
        Assert.Equal("group nogroup", global.Group?.ToString());
    }

    [Theory]
    [InlineData("user haproxy\n    uid 99", "t.cfg:3: error: 'uid 99' in global section conflicts with 'user haproxy' at t.cfg:2: give the user once, by name or by number")]
    [InlineData("uid 99\n    user haproxy", "t.cfg:3: error: 'user haproxy' in global section conflicts with 'uid 99' at t.cfg:2: give the user once, by name or by number")]
    [InlineData("user a\n    user b", "t.cfg:3: error: 'user b' in global section conflicts with 'user a' at t.cfg:2: give the user once, by name or by number")]
    [InlineData("group haproxy\n    gid 99", "t.cfg:3: error: 'gid 99' in global section conflicts with 'group haproxy' at t.cfg:2: give the group once, by name or by number")]
    public void Parse_AccountGivenTwice_Error(string lines, string expected)
    {
        Assert.Contains(expected, ConfigTestHelper.Diagnostics($"global\n    {lines}\n" + Tail));
    }

    [Theory]
    [InlineData("uid haproxy", "t.cfg:2: error: 'uid' in global section expects a numeric user id from 0 to 4294967294 (got 'haproxy'); for a name use 'user'")]
    [InlineData("uid -1", "t.cfg:2: error: 'uid' in global section expects a numeric user id from 0 to 4294967294 (got '-1'); for a name use 'user'")]
    [InlineData("uid 4294967295", "t.cfg:2: error: 'uid' in global section expects a numeric user id from 0 to 4294967294 (got '4294967295'); for a name use 'user'")]
    [InlineData("gid 1e3", "t.cfg:2: error: 'gid' in global section expects a numeric group id from 0 to 4294967294 (got '1e3'); for a name use 'group'")]
    public void Parse_BadId_Error(string line, string expected)
    {
        Assert.Contains(expected, ConfigTestHelper.Diagnostics($"global\n    {line}\n" + Tail));
    }

    [Fact]
    public void Parse_UidWithoutValue_ErrorSaysWhatIsExpected()
    {
        var diagnostics = ConfigTestHelper.Diagnostics("global\n    uid\n" + Tail);

        Assert.Single(diagnostics);
        Assert.Contains("a numeric user id", diagnostics[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NoSplice_SetWithoutDeferredLine()
    {
        var global = ConfigTestHelper.Load("global\n    nosplice\n" + Tail).Config!.Global;

        Assert.True(global.NoSplice);
        Assert.Empty(global.DeferredLines);
    }

    [Fact]
    public void Parse_NoSpliceWithArgument_ErrorAtItsLine()
    {
        var diagnostics = ConfigTestHelper.Diagnostics("global\n    maxconn 100\n    nosplice on\n" + Tail);

        Assert.Equal(["t.cfg:3: error: 'nosplice' in global section expects no argument (got an extra 'on')"], diagnostics);
    }

    [Fact]
    public void Parse_MaxPipes_Kept()
    {
        Assert.Equal(64, ConfigTestHelper.Load("global\n    maxpipes 64\n" + Tail).Config!.Global.MaxPipes);
    }

    [Fact]
    public void Parse_MaxPipesZero_LeavesTheDefault()
    {
        Assert.Null(ConfigTestHelper.Load("global\n    maxpipes 0\n" + Tail).Config!.Global.MaxPipes);
    }

    [Theory]
    [InlineData("maxpipes -1", "t.cfg:2: error: 'maxpipes' in global section expects")]
    [InlineData("maxpipes many", "t.cfg:2: error: 'maxpipes' in global section expects")]
    [InlineData("maxpipes", "t.cfg:2: error: 'maxpipes' in global section expects a number (got nothing)")]
    [InlineData("maxpipes 4 8", "t.cfg:2: error: 'maxpipes' in global section expects a number (got an extra '8')")]
    public void Parse_BadMaxPipes_ErrorAtItsLine(string line, string expected)
    {
        var diagnostics = ConfigTestHelper.Diagnostics($"global\n    {line}\n" + Tail);

        Assert.Single(diagnostics);
        Assert.StartsWith(expected, diagnostics[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("hard-stop-after 30s", 30_000)]
    [InlineData("hard-stop-after 1500", 1_500)]
    [InlineData("hard-stop-after 2m\n    hard-stop-after 10s", 10_000)]
    public void Parse_HardStopAfter_KeptInMillisecondsByDefaultLastLineWins(string lines, int expectedMs)
    {
        var global = ConfigTestHelper.Load($"global\n    {lines}\n" + Tail).Config!.Global;

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), global.HardStopAfter);
        Assert.Empty(global.DeferredLines);
    }

    [Fact]
    public void Parse_HardStopAfterZero_NoBoundAsInHAProxy()
    {
        Assert.Null(ConfigTestHelper.Load("global\n    hard-stop-after 0\n" + Tail).Config!.Global.HardStopAfter);
    }

    [Theory]
    [InlineData("hard-stop-after", "t.cfg:3: error: 'hard-stop-after' in global section expects a time (got nothing)")]
    [InlineData("hard-stop-after 10s 20s", "t.cfg:3: error: 'hard-stop-after' in global section expects a time (got an extra '20s')")]
    [InlineData("hard-stop-after soon", "t.cfg:3: error: 'hard-stop-after' in global section expects a time")]
    [InlineData("hard-stop-after -5s", "t.cfg:3: error: 'hard-stop-after' in global section expects a time")]
    [InlineData("hard-stop-after 10x", "t.cfg:3: error: 'hard-stop-after' in global section expects a time")]
    public void Parse_BadHardStopAfter_ErrorAtItsLine(string line, string expected)
    {
        var diagnostics = ConfigTestHelper.Diagnostics($"global\n    maxconn 100\n    {line}\n" + Tail);

        Assert.Single(diagnostics);
        Assert.StartsWith(expected, diagnostics[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("close-spread-time 5s", 5_000)]
    [InlineData("close-spread-time infinite", -1)]
    public void Parse_CloseSpreadTime_KeptWithInfinite(string line, int expectedMs)
    {
        var global = ConfigTestHelper.Load($"global\n    {line}\n" + Tail).Config!.Global;

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), global.CloseSpreadTime);
        Assert.Empty(global.DeferredLines);
    }

    [Fact]
    public void Parse_CloseSpreadTimeZero_ClosesAtOnce()
    {
        Assert.Null(ConfigTestHelper.Load("global\n    close-spread-time 0\n" + Tail).Config!.Global.CloseSpreadTime);
    }

    [Theory]
    [InlineData("close-spread-time", "t.cfg:2: error: 'close-spread-time' in global section expects a time or 'infinite' (got nothing)")]
    [InlineData("close-spread-time forever", "t.cfg:2: error: 'close-spread-time' in global section expects a time like")]
    public void Parse_BadCloseSpreadTime_ErrorAtItsLine(string line, string expected)
    {
        var diagnostics = ConfigTestHelper.Diagnostics($"global\n    {line}\n" + Tail);

        Assert.Single(diagnostics);
        Assert.StartsWith(expected, diagnostics[0], StringComparison.Ordinal);
    }
}
