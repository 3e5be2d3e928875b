using System.Net;
using Appliance.HaAgent.Configuration;

namespace Appliance.HaAgent.Tests.Configuration;

public sealed class HaSyncKeywordsTests
{
    private const string Peer = "sync_peer lb2 10.213.0.12:7400";

    [Fact]
    public void Parse_MutualTls_BuildsSyncConfig()
    {
        var config = HaSection.ParseValid(
            [.. HaSection.Minimal, Peer, "node_name lb1", "sync_listen 10.213.0.11:7401", "sync_ca /etc/appliance/ca.pem",
             "sync_cert /etc/appliance/lb1.pem", "sync_key /etc/appliance/lb1.key"]);

        Assert.Equal(
            new SyncConfig(IPEndPoint.Parse("10.213.0.11:7401"), "lb1",
                SyncSecurityConfig.MutualTls("/etc/appliance/ca.pem", "/etc/appliance/lb1.pem", "/etc/appliance/lb1.key")),
            config.Sync);
        Assert.True(config.Sync!.Security.IsMutualTls);
    }

    [Fact]
    public void Parse_PskWithoutListenOrName_DefaultsToAllAddressesPort7400AndNoName()
    {
        var result = HaSection.ParseWith(Peer, "sync_psk_file /etc/appliance/sync.key");

        Assert.Empty(result.Diagnostics);
        Assert.Equal(
            new SyncConfig(new IPEndPoint(IPAddress.Any, 7400), null, SyncSecurityConfig.PreSharedKey("/etc/appliance/sync.key")),
            result.Config!.Sync);
        Assert.False(result.Config.Sync!.Security.IsMutualTls);
    }

    [Fact]
    public void Parse_PskWithDiscoveryPort_ListensOnTheAnnouncedPort()
    {
        var config = HaSection.ParseValid([.. HaSection.Minimal, Peer, "sync_psk_file k", "discovery mdns sync_port 7600", "cluster_id c1"]);

        Assert.Equal(new IPEndPoint(IPAddress.Any, 7600), config.Sync!.Listen);
    }

    [Fact]
    public void Parse_NoSyncPeer_SyncIsNullAndSyncKeywordsWarn()
    {
        var result = HaSection.ParseWith("sync_listen 127.0.0.1:7400", "sync_psk_file k", "sync_ca ca.pem");

        Assert.NotNull(result.Config);
        Assert.Null(result.Config!.Sync);
        Assert.Equal(
            [
                "ha.cfg:5: warning: 'sync_listen' has no effect without 'sync_peer' (or 'discovery mdns' with 'sync_psk_file' or 'sync_ca'/'sync_cert'/'sync_key')",
                "ha.cfg:7: warning: 'sync_ca' has no effect without 'sync_peer' (or 'discovery mdns' with 'sync_psk_file' or 'sync_ca'/'sync_cert'/'sync_key')",
                "ha.cfg:6: warning: 'sync_psk_file' has no effect without 'sync_peer' (or 'discovery mdns' with 'sync_psk_file' or 'sync_ca'/'sync_cert'/'sync_key')",
            ],
            result.Diagnostics.Select(d => d.ToString()));
    }

    [Fact]
    public void Parse_DiscoveryWithPskAndNoSyncPeer_SyncIsOnAtTheDiscoveryPort()
    {
        var result = HaSection.ParseWith("discovery mdns sync_port 7401", "cluster_id c1", "node_name lb1", "sync_psk_file /etc/appliance/sync.key");

        Assert.Empty(result.Diagnostics);
        Assert.Empty(result.Config!.SyncPeers);
        var sync = Assert.IsType<SyncConfig>(result.Config.Sync);
        Assert.Equal(new IPEndPoint(IPAddress.Any, 7401), sync.Listen);
        Assert.Equal("lb1", sync.NodeName);
        Assert.Equal(SyncSecurityConfig.PreSharedKey("/etc/appliance/sync.key"), sync.Security);
    }

    [Fact]
    public void Parse_DiscoveryWithoutAuthentication_SyncStaysOffAndSyncListenWarns()
    {
        var result = HaSection.ParseWith("discovery mdns", "cluster_id c1", "sync_listen 0.0.0.0:7400");

        Assert.Null(result.Config!.Sync);
        Assert.Equal(
            ["ha.cfg:7: warning: 'sync_listen' has no effect without 'sync_peer'" + DiscoveryHint],
            result.Diagnostics.Select(d => d.ToString()));
    }

    [Fact]
    public void Parse_DiscoveryWithPartialTlsTrio_ErrorNamesTheMissingFiles()
    {
        var result = HaSection.ParseWith("discovery mdns", "cluster_id c1", "sync_ca ca.pem");

        Assert.Null(result.Config);
        var error = Assert.Single(result.Diagnostics);
        Assert.StartsWith("ha.cfg:7: error: 'sync_ca' turns on mutual TLS for sync, which also needs 'sync_cert' and 'sync_key'", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SyncPeerWithoutSecurity_ErrorAtTheFirstPeer()
    {
        var result = HaSection.ParseWith(Peer, "sync_peer lb3 10.213.0.13:7400");

        Assert.Null(result.Config);
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(
            "ha.cfg:5: error: 'sync_peer' needs peer authentication (sync has no unauthenticated mode): 'sync_ca', 'sync_cert' and " +
            "'sync_key' for mutual TLS, or 'sync_psk_file' (none given); 'appliance cluster init-ca' and 'appliance cluster gen-psk' make them",
            error.ToString());
    }

    [Fact]
    public void Parse_TlsIncomplete_NamesWhatIsMissing()
    {
        var result = HaSection.ParseWith(Peer, "sync_cert lb1.pem");

        Assert.Equal(
            ["ha.cfg:6: error: 'sync_cert' turns on mutual TLS for sync, which also needs 'sync_ca' and 'sync_key' (none given)"],
            result.Diagnostics.Select(d => d.ToString()));
    }

    [Fact]
    public void Parse_PskAndTls_ErrorAtThePskLine()
    {
        var result = HaSection.ParseWith(Peer, "sync_ca ca.pem", "sync_cert lb1.pem", "sync_key lb1.key", "sync_psk_file k");

        Assert.Equal(
            ["ha.cfg:9: error: 'sync_psk_file' and mutual TLS ('sync_ca' at ha.cfg:6) exclude each other; keep one"],
            result.Diagnostics.Select(d => d.ToString()));
    }

    [Fact]
    public void Parse_PeerNamedAsThisNode_Error()
    {
        var result = HaSection.ParseWith("node_name lb2", Peer, "sync_psk_file k");

        Assert.Equal(["ha.cfg:6: error: 'sync_peer' 'lb2' is this node's own 'node_name'"], result.Diagnostics.Select(d => d.ToString()));
    }

    [Fact]
    public void Parse_PeerAtTheListenAddress_Error()
    {
        var result = HaSection.ParseWith("sync_listen 10.213.0.12:7400", Peer, "sync_psk_file k");

        Assert.Equal(
            ["ha.cfg:6: error: 'sync_peer' 10.213.0.12:7400 is this node's own 'sync_listen' (ha.cfg:5)"],
            result.Diagnostics.Select(d => d.ToString()));
    }

    [Fact]
    public void Parse_DiscoveryAnnouncesAnotherPort_Warns()
    {
        var result = HaSection.ParseWith(Peer, "sync_psk_file k", "sync_listen 0.0.0.0:7401", "discovery mdns", "cluster_id c1");

        Assert.NotNull(result.Config);
        Assert.Equal(
            ["ha.cfg:8: warning: 'discovery mdns' announces sync port 7400 but 'sync_listen' listens on 7401: peers that discover this node will not reach it"],
            result.Diagnostics.Select(d => d.ToString()));
    }

    [Theory]
    [InlineData("sync_listen", "'sync_listen' expects ADDR:PORT with an address a.b.c.d or [IPv6] (0.0.0.0 = all) and a port from 1 to 65535 (got nothing)")]
    [InlineData("sync_listen lb1:7400", "'sync_listen' expects ADDR:PORT with an address a.b.c.d or [IPv6] (0.0.0.0 = all) and a port from 1 to 65535 (got 'lb1:7400')")]
    [InlineData("sync_listen 10.0.0.1:70000", "'sync_listen' expects ADDR:PORT with an address a.b.c.d or [IPv6] (0.0.0.0 = all) and a port from 1 to 65535 (got '10.0.0.1:70000')")]
    [InlineData("sync_ca a.pem b.pem", "'sync_ca' expects one file path: the cluster CA certificate (PEM) (got 'a.pem b.pem')")]
    [InlineData("sync_psk_file", "'sync_psk_file' expects one file path: the cluster's pre-shared key (base64) (got nothing)")]
    public void Parse_BadSyncLine_ReportsExactError(string line, string message)
    {
        var result = HaSection.ParseWith(Peer, "sync_key k.pem", "sync_cert c.pem", line, line.StartsWith("sync_ca", StringComparison.Ordinal) ? "sync_psk_file k" : "sync_ca ca.pem");

        Assert.Contains($"ha.cfg:8: error: {message}", result.Diagnostics.Select(d => d.ToString()));
    }

    private const string DiscoveryHint = " (or 'discovery mdns' with 'sync_psk_file' or 'sync_ca'/'sync_cert'/'sync_key')";
}
