using System.Text;
using Appliance.ProxyCore.Health;
using Appliance.ProxyCore.Model;

namespace Appliance.ProxyCore.Tests.Health;

public sealed class AgentReplyParserTests
{
    [Theory]
    [InlineData("up", AgentHealthReport.Up)]
    [InlineData("down", AgentHealthReport.Down)]
    [InlineData("fail", AgentHealthReport.Fail)]
    [InlineData("stopped", AgentHealthReport.Stopped)]
    [InlineData("DOWN", AgentHealthReport.Down)]
    [InlineData("Up", AgentHealthReport.Up)]
    public void Parse_HealthWord_SetsHealthOnly(string line, AgentHealthReport expected)
    {
        var reply = AgentReplyParser.Parse(line);

        Assert.Equal(expected, reply.Health);
        Assert.Null(reply.Admin);
        Assert.Null(reply.WeightPercent);
        Assert.Null(reply.MaxConn);
        Assert.Null(reply.Error);
    }

    [Theory]
    [InlineData("ready", ServerAdminState.Ready)]
    [InlineData("drain", ServerAdminState.Drain)]
    [InlineData("maint", ServerAdminState.Maint)]
    [InlineData("MAINT", ServerAdminState.Maint)]
    [InlineData("Drain", ServerAdminState.Drain)]
    public void Parse_AdminWord_SetsAdminOnly(string line, ServerAdminState expected)
    {
        var reply = AgentReplyParser.Parse(line);

        Assert.Equal(expected, reply.Admin);
        Assert.Null(reply.Health);
        Assert.Null(reply.Error);
    }

    [Theory]
    [InlineData("75%", 75)]
    [InlineData("0%", 0)]
    [InlineData("100%", 100)]
    [InlineData("150%", 150)]
    [InlineData("007%", 7)]
    public void Parse_Percentage_SetsWeightPercent(string line, int expected)
    {
        var reply = AgentReplyParser.Parse(line);

        Assert.Equal(expected, reply.WeightPercent);
        Assert.Null(reply.Error);
    }

    [Theory]
    [InlineData("25601%")]
    [InlineData("99999999999999999999%")]
    public void Parse_PercentageAboveHAProxyCap_ClampsTo25600(string line)
    {
        Assert.Equal(AgentReplyParser.MaxWeightPercent, AgentReplyParser.Parse(line).WeightPercent);
    }

    [Theory]
    [InlineData("maxconn:30", 30)]
    [InlineData("MAXCONN:0", 0)]
    [InlineData("MaxConn:99999999999999", int.MaxValue)]
    public void Parse_MaxConn_SetsLimit(string line, int expected)
    {
        var reply = AgentReplyParser.Parse(line);

        Assert.Equal(expected, reply.MaxConn);
        Assert.Null(reply.Error);
    }

    [Fact]
    public void Parse_EveryCategoryAndDescription_AppliesAll()
    {
        var reply = AgentReplyParser.Parse("up 75% maxconn:30 drain #ok");

        Assert.Equal(AgentHealthReport.Up, reply.Health);
        Assert.Equal(75, reply.WeightPercent);
        Assert.Equal(30, reply.MaxConn);
        Assert.Equal(ServerAdminState.Drain, reply.Admin);
        Assert.Equal("ok", reply.Description);
        Assert.Null(reply.Error);
        Assert.True(reply.HasChanges);
    }

    [Theory]
    [InlineData("drain,50%")]
    [InlineData("drain\t50%")]
    [InlineData("  drain , \t 50%  ")]
    [InlineData(",,drain,,,50%,,")]
    public void Parse_SpacesTabsAndCommas_SeparateWords(string line)
    {
        var reply = AgentReplyParser.Parse(line);

        Assert.Equal(ServerAdminState.Drain, reply.Admin);
        Assert.Equal(50, reply.WeightPercent);
        Assert.Null(reply.Error);
    }

    [Theory]
    [InlineData("drain ready", ServerAdminState.Ready)]
    [InlineData("ready maint", ServerAdminState.Maint)]
    public void Parse_TwoAdminWords_LastWins(string line, ServerAdminState expected)
    {
        Assert.Equal(expected, AgentReplyParser.Parse(line).Admin);
    }

    [Fact]
    public void Parse_TwoWeightsAndTwoHealthWords_LastWins()
    {
        var reply = AgentReplyParser.Parse("10% down 20% up");

        Assert.Equal(20, reply.WeightPercent);
        Assert.Equal(AgentHealthReport.Up, reply.Health);
    }

    [Fact]
    public void Parse_Description_TakesRestOfLineIncludingSeparators()
    {
        var reply = AgentReplyParser.Parse("down #  disk full, retry later \t");

        Assert.Equal(AgentHealthReport.Down, reply.Health);
        Assert.Equal("disk full, retry later", reply.Description);
    }

    [Fact]
    public void Parse_WordsAfterHash_AreDescriptionNotWords()
    {
        var reply = AgentReplyParser.Parse("up # drain 50%");

        Assert.Null(reply.Admin);
        Assert.Null(reply.WeightPercent);
        Assert.Equal("drain 50%", reply.Description);
    }

    [Fact]
    public void Parse_HashInsideWord_IsAnUnknownWord()
    {
        var reply = AgentReplyParser.Parse("down#maintenance");

        Assert.Null(reply.Health);
        Assert.Null(reply.Description);
        Assert.StartsWith("unknown agent word 'down#maintenance'", reply.Error);
    }

    [Fact]
    public void Parse_UnknownWordAmongValidOnes_ReportsItAndKeepsTheOthers()
    {
        var reply = AgentReplyParser.Parse("drain bogus 50% junk");

        Assert.Equal(ServerAdminState.Drain, reply.Admin);
        Assert.Equal(50, reply.WeightPercent);
        Assert.Equal(
            "unknown agent word 'bogus' (expected 'N%', 'maxconn:N', 'ready', 'drain', 'maint', 'up', 'down', 'fail', 'stopped' or '#description')",
            reply.Error);
    }

    [Theory]
    [InlineData("hello world")]
    [InlineData("HTTP/1.0 200 OK")]
    [InlineData("75")]
    public void Parse_OnlyGarbage_HasNoChangesAndAnError(string line)
    {
        var reply = AgentReplyParser.Parse(line);

        Assert.False(reply.HasChanges);
        Assert.NotNull(reply.Error);
    }

    [Theory]
    [InlineData("7x%", "agent weight '7x%' is not a percentage (expected digits followed by '%', e.g. '75%')")]
    [InlineData("75%%", "agent weight '75%%' is not a percentage (expected digits followed by '%', e.g. '75%')")]
    [InlineData("75%x", "agent weight '75%x' is not a percentage (expected digits followed by '%', e.g. '75%')")]
    public void Parse_MalformedPercentage_ReportsErrorAndKeepsWeight(string line, string expected)
    {
        var reply = AgentReplyParser.Parse(line);

        Assert.Null(reply.WeightPercent);
        Assert.Equal(expected, reply.Error);
    }

    [Theory]
    [InlineData("maxconn:")]
    [InlineData("maxconn:-1")]
    [InlineData("maxconn:3x")]
    public void Parse_MalformedMaxConn_ReportsErrorAndKeepsLimit(string line)
    {
        var reply = AgentReplyParser.Parse(line);

        Assert.Null(reply.MaxConn);
        Assert.Equal($"agent '{line}' has no valid limit (expected 'maxconn:' followed by digits, e.g. 'maxconn:30')", reply.Error);
    }

    [Fact]
    public void Parse_WeightPrefix_IsRejectedWithHAProxyForm()
    {
        var reply = AgentReplyParser.Parse("weight:50%");

        Assert.Null(reply.WeightPercent);
        Assert.Equal("unknown agent word 'weight:50%': HAProxy agents send the percentage alone, e.g. '50%'", reply.Error);
    }

    [Fact]
    public void Parse_SeveralBadWords_ReportsTheFirst()
    {
        Assert.StartsWith("unknown agent word 'first'", AgentReplyParser.Parse("first second").Error);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n")]
    [InlineData("\r\n")]
    [InlineData("   \t ")]
    [InlineData(",,,")]
    [InlineData("#")]
    [InlineData("#   ")]
    public void Parse_EmptyReply_ReturnsEmpty(string line)
    {
        var reply = AgentReplyParser.Parse(line);

        Assert.Same(AgentReply.Empty, reply);
        Assert.False(reply.HasChanges);
    }

    [Theory]
    [InlineData("drain\nup")]
    [InlineData("drain\r\nup")]
    [InlineData("drain\rup")]
    public void Parse_TextAfterFirstLineEnd_IsIgnored(string line)
    {
        var reply = AgentReplyParser.Parse(line);

        Assert.Equal(ServerAdminState.Drain, reply.Admin);
        Assert.Null(reply.Health);
    }

    [Fact]
    public void Parse_OverLongGarbageWord_QuotesOnlyItsStart()
    {
        var reply = AgentReplyParser.Parse(new string('x', 5000));

        Assert.False(reply.HasChanges);
        Assert.StartsWith($"unknown agent word '{new string('x', 40)}...'", reply.Error);
        Assert.True(reply.Error!.Length < 200, reply.Error);
    }

    [Fact]
    public void Parse_OverLongLineWithValidWords_StillParsesThem()
    {
        var line = string.Join(' ', Enumerable.Repeat("ready", 500)) + " 42%";

        Assert.Equal(42, AgentReplyParser.Parse(line).WeightPercent);
    }

    [Theory]
    [InlineData("drain\n", "drain")]
    [InlineData("drain\r\n", "drain")]
    [InlineData("50%\rjunk", "50%")]
    [InlineData("\n", "")]
    public void TryReadLine_LineEndPresent_ReturnsTextBeforeIt(string received, string expected)
    {
        Assert.True(AgentReplyParser.TryReadLine(Encoding.ASCII.GetBytes(received), out var line));
        Assert.Equal(expected, line);
    }

    [Theory]
    [InlineData("")]
    [InlineData("drain")]
    public void TryReadLine_NoLineEnd_ReturnsFalse(string received)
    {
        Assert.False(AgentReplyParser.TryReadLine(Encoding.ASCII.GetBytes(received), out _));
    }

    [Fact]
    public void TryReadLine_NonAsciiBytes_BecomeAnUnknownWordNotAnException()
    {
        Assert.True(AgentReplyParser.TryReadLine([0xff, 0xfe, (byte)' ', (byte)'u', (byte)'p', (byte)'\n'], out var line));

        var reply = AgentReplyParser.Parse(line);

        Assert.Equal(AgentHealthReport.Up, reply.Health);
        Assert.StartsWith("unknown agent word", reply.Error);
    }
}
