using Appliance.HaAgent.Configuration;
using Appliance.HaAgent.Discovery;

namespace Appliance.HaAgent.Tests.Configuration;

public sealed class HaDiscoveryKeywordsTests
{
    private const string NodeName = "a host label of 1 to 63 letters, digits or '-', not starting or ending with '-'";
    private const string ClusterId = "a name of 1 to 63 letters, digits, '-', '_' or '.'";

    [Fact]
    public void Parse_DiscoveryWithEverything_BuildsDiscoveryConfig()
    {
        var config = HaSection.ParseValid([.. HaSection.Minimal, "discovery mdns sync_port 7500", "cluster_id prod-eu.1", "node_name lb1"]);

        Assert.Equal(new DiscoveryConfig("prod-eu.1", "lb1", 7500), config.Discovery);
    }

    [Fact]
    public void Parse_DiscoveryWithClusterOnly_DefaultsNodeNameToNullAndPortTo7400()
    {
        var result = HaSection.ParseWith("discovery mdns", "cluster_id c1");

        Assert.Empty(result.Diagnostics);
        Assert.Equal(new DiscoveryConfig("c1", null, 7400), result.Config!.Discovery);
    }

    [Fact]
    public void Parse_NoDiscovery_DiscoveryIsNull()
    {
        Assert.Null(HaSection.ParseValid(HaSection.Minimal).Discovery);
    }

    public static TheoryData<string, string> BadLines => new()
    {
        { "discovery", "'discovery' expects 'mdns' [sync_port N] with a port from 1 to 65535 (got nothing)" },
        { "discovery avahi", "'discovery' expects 'mdns' [sync_port N] with a port from 1 to 65535 (got 'avahi')" },
        { "discovery mdns port 7400", "'discovery mdns' has no option 'port'; the only option is 'sync_port'" },
        { "discovery mdns sync_port", "'discovery mdns' option 'sync_port' expects an integer from 1 to 65535 (got nothing)" },
        { "discovery mdns sync_port 0", "'discovery mdns' option 'sync_port' expects an integer from 1 to 65535 (got '0')" },
        { "discovery mdns sync_port 1 sync_port 2", "'discovery mdns' gives option 'sync_port' twice" },
        { "cluster_id", $"'cluster_id' expects {ClusterId} (got nothing)" },
        { "cluster_id two words", $"'cluster_id' expects {ClusterId} (got 'two words')" },
        { "cluster_id c=1", $"'cluster_id' expects {ClusterId} (got 'c=1')" },
        { "cluster_id " + new string('c', 64), $"'cluster_id' expects {ClusterId} (got '{new string('c', 64)}')" },
        { "node_name -lb1", $"'node_name' expects {NodeName} (got '-lb1')" },
        { "node_name lb_1", $"'node_name' expects {NodeName} (got 'lb_1')" },
        { "node_name lb1.example", $"'node_name' expects {NodeName} (got 'lb1.example')" },
        { "node_name " + new string('n', 64), $"'node_name' expects {NodeName} (got '{new string('n', 64)}')" },
    };

    [Theory]
    [MemberData(nameof(BadLines))]
    public void Parse_BadDiscoveryLine_ReportsExactErrorAtItsLineAndNothingElse(string line, string message)
    {
        // The bad line at line 5, then the other discovery keywords, valid.
        string[] companions = ["discovery mdns", "cluster_id c1", "node_name lb1"];
        var keyword = line.Split(' ')[0];
        var result = HaSection.ParseWith([line, .. companions.Where(c => !c.StartsWith(keyword + " ", StringComparison.Ordinal))]);

        Assert.Null(result.Config);
        Assert.Equal([$"ha.cfg:5: error: {message}"], result.Diagnostics.Select(d => d.ToString()));
    }

    [Fact]
    public void Parse_DiscoveryWithoutClusterId_ErrorAtTheDiscoveryLine()
    {
        var result = HaSection.ParseWith("discovery mdns");

        Assert.Equal(
            ["ha.cfg:5: error: 'discovery mdns' requires 'cluster_id' (none given): peers are matched by it"],
            result.Diagnostics.Select(d => d.ToString()));
    }

    [Fact]
    public void Parse_ClusterIdAndNodeNameWithoutDiscovery_WarnsForEach()
    {
        var result = HaSection.ParseWith("cluster_id c1", "node_name lb1");

        Assert.NotNull(result.Config);
        Assert.Null(result.Config!.Discovery);
        Assert.Equal(
            [
                "ha.cfg:5: warning: 'cluster_id' has no effect without 'discovery mdns'",
                "ha.cfg:6: warning: 'node_name' has no effect without 'discovery mdns' or 'sync_peer'",
            ],
            result.Diagnostics.Select(d => d.ToString()));
    }

    [Fact]
    public void Parse_DiscoveryTypo_HintsTheKeyword()
    {
        var result = HaSection.ParseWith("discovry mdns");

        Assert.Equal(["ha.cfg:5: error: unknown keyword 'discovry' in 'ha' section; did you mean 'discovery'?"], result.Diagnostics.Select(d => d.ToString()));
    }

    [Fact]
    public void FromConfig_NodeNameGiven_UsesItAndTheInterface()
    {
        var config = HaSection.ParseValid([.. HaSection.Minimal, "discovery mdns sync_port 7500", "cluster_id c1", "node_name lb1"]);

        Assert.Equal(new DiscoveryOptions("eth1", "c1", "lb1", 7500), DiscoveryOptions.FromConfig(config, "ignored"));
    }

    [Theory]
    [InlineData("lb1.example.org", "lb1")]
    [InlineData("LB_1", "LB-1")]
    [InlineData("-_-", "appliance")]
    [InlineData("", "appliance")]
    public void FromConfig_NoNodeName_UsesTheMachinesHostLabel(string machine, string label)
    {
        var config = HaSection.ParseValid([.. HaSection.Minimal, "discovery mdns", "cluster_id c1"]);

        Assert.Equal(label, DiscoveryOptions.FromConfig(config, machine).NodeName);
    }
}
