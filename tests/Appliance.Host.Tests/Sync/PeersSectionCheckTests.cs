using Appliance.Host.Hosting;
using Appliance.ProxyCore.Configuration;

namespace Appliance.Host.Tests.Sync;

/// <summary>HAProxy's <c>peers</c> sections checked against the <c>ha</c> section's <c>sync_peer</c> lines (warnings).</summary>
public sealed class PeersSectionCheckTests
{
    private const string Proxy = """
        defaults
            mode http
            timeout connect 2s
            timeout client 10s
            timeout server 10s
        peers cluster
            peer lb1 10.213.0.11:7400
            peer lb2 10.213.0.12:7400
            peer lb3 10.213.0.13:7400
        frontend www
            bind 127.0.0.1:8080
            default_backend web
        backend web
            stick-table type ip size 1k expire 30m peers cluster
            stick on src
            server web0 127.0.0.1:9

        """;

    [Fact]
    public void Check_PeerMissingFromSyncPeers_WarnsAtThePeerLineOnly()
    {
        var diagnostics = Check(Proxy + Ha("sync_peer lb2 10.213.0.12:7400"));

        Assert.Equal(["t.cfg:9: warning: peer 'lb3' of 'peers cluster' is not a 'sync_peer' of the 'ha' section: tables are replicated to the 'sync_peer' nodes only"], diagnostics);
    }

    [Fact]
    public void Check_EveryPeerIsThisNodeOrASyncPeer_NoWarning()
    {
        Assert.Empty(Check(Proxy + Ha("sync_peer lb2 10.213.0.12:7400", "sync_peer lb3 10.213.0.13:7400")));
    }

    [Fact]
    public void Check_DiscoveryFindsThePeers_NoPerPeerWarning()
    {
        Assert.Empty(Check(Proxy + Ha("discovery mdns", "cluster_id c1")));
    }

    [Fact]
    public void Check_ReplicatedTableWithoutSync_WarnsAtTheTable()
    {
        Assert.Equal(
            ["t.cfg:14: warning: stick-table replicates through 'peers cluster' but the 'ha' section has no 'sync_peer': nothing is replicated"],
            Check(Proxy));
    }

    private static string Ha(params string[] peers) => $"""
        ha
            interface eth1
            virtual_router_id 51
            virtual_ipaddress 10.213.0.10/24
            node_name lb1
            sync_psk_file /etc/appliance/sync.key
        {string.Join('\n', peers.Select(p => "    " + p))}

        """;

    private static string[] Check(string text)
    {
        var result = ConfigLoader.LoadText(text, "t.cfg");
        Assert.True(result.IsValid, string.Join('\n', result.Diagnostics));
        return [.. HaAgentHost.Check(result.Config!).Diagnostics.Select(d => d.ToString())];
    }
}
