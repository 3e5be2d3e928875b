using Appliance.Contracts.Replication;
using Appliance.ProxyCore.Configuration;
using Appliance.ProxyCore.Tests.Configuration;

namespace Appliance.ProxyCore.Tests.StickTables;

public sealed class StickConfigCompilerTests
{
    private const string Head = "defaults\n    mode http\n    timeout connect 1s\n    timeout client 1s\n    timeout server 1s\nbackend be\n";
    private const string Peers = "peers mesh\n    peer lb1 10.0.0.1:10000\n    server lb2\n";

    [Fact]
    public void Load_FullTableAndRules_Compiled()
    {
        var result = ConfigTestHelper.Load(Peers + Head +
            "    stick-table type string len 64 size 10k expire 30m nopurge peers mesh srvkey name store server_id\n" +
            "    acl internal src 10.0.0.0/8\n" +
            "    stick on src table ips if internal\n" +
            "    stick store-response res.cook(JSESSIONID)\n" +
            "    stick match cookie(JSESSIONID)\n" +
            "    stick store-request req.hdr(X-User),lower unless internal\n" +
            "    server s1 127.0.0.1:80\n" +
            "backend ips\n    stick-table type ipv6 size 1m\n    server s1 127.0.0.1:80\n");

        Assert.True(result.IsValid, string.Join('\n', result.Diagnostics));
        var be = result.Config!.FindBackend("be")!;
        Assert.Equal(
            new StickTableConfig { Name = "be", KeyType = StickKeyType.Text, KeyLength = 64, Size = 10240, Expire = TimeSpan.FromMinutes(30), NoPurge = true, Peers = "mesh", Location = be.StickTable!.Location },
            be.StickTable);
        Assert.Equal(
            [(StickRuleKind.On, "src", "ips", true), (StickRuleKind.StoreResponse, "res.cook(JSESSIONID)", "be", false), (StickRuleKind.Match, "req.cook(JSESSIONID)", "be", false),
             (StickRuleKind.StoreRequest, "req.hdr(X-User),lower", "be", true)],
            be.StickRules.Select(r => (r.Kind, r.Pattern.ToString(), r.Table, r.Condition is not null)));
        Assert.Equal((StickKeyType.Ipv6, 1024 * 1024, (TimeSpan?)null), (result.Config.FindBackend("ips")!.StickTable!.KeyType, result.Config.FindBackend("ips")!.StickTable!.Size, result.Config.FindBackend("ips")!.StickTable!.Expire));
        var peers = Assert.Single(result.Config.Peers);
        Assert.Equal([("lb1", "10.0.0.1", 10000), ("lb2", null, 0)], peers.Peers.Select(p => (p.Name, p.Host, p.Port)));
    }

    [Theory]
    [InlineData("stick-table type ip size 10 len 8", "t.cfg:7: error: 'stick-table' in backend 'be': 'len' only follows 'type string' (got it after 'type ip')")]
    [InlineData("stick-table type ip expire 1m", "t.cfg:7: error: 'stick-table' in backend 'be' expects 'size' followed by the most entries, e.g. 'size 100k' (got nothing)")]
    [InlineData("stick-table size 10", "t.cfg:7: error: 'stick-table' in backend 'be' expects 'type' followed by 'ip', 'ipv6', 'integer' or 'string' (got nothing)")]
    [InlineData("stick-table type ipv4 size 10", "t.cfg:7: error: 'stick-table' in backend 'be': 'type' expects 'ip', 'ipv6', 'integer' or 'string' (got 'ipv4'); did you mean 'ipv6'?")]
    [InlineData("stick-table type binary len 8 size 10", "t.cfg:7: error: 'stick-table' in backend 'be': 'type binary' is not supported; use 'type string' for text keys")]
    [InlineData("stick-table type ip size 10x", "t.cfg:7: error: 'stick-table' in backend 'be': 'size' expects a positive number of entries, optionally with k, m or g (e.g. 100k) (got '10x')")]
    [InlineData("stick-table type ip size 0", "t.cfg:7: error: 'stick-table' in backend 'be': 'size' expects a positive number of entries, optionally with k, m or g (e.g. 100k) (got '0')")]
    [InlineData("stick-table type ip size 10 expire 30d", "t.cfg:7: error: 'stick-table' in backend 'be': 'expire' expects a time like 5000, 5s or 2m (units us, ms, s, m, h, d; a bare number is milliseconds), at most 24 days (got '30d')")]
    [InlineData("stick-table type ip size 10 expyre 1m", "t.cfg:7: error: 'stick-table' in backend 'be': unknown argument 'expyre', expects 'type', 'size', 'expire', 'nopurge', 'peers', 'srvkey' or 'store'; did you mean 'expire'?")]
    [InlineData("stick-table type ip size 10 store gpc0,http_req_rate(10s)", "t.cfg:7: error: 'stick-table' in backend 'be': 'store gpc0' is not supported: this build keeps only the server of each entry (HAProxy's 'server_id'), there are no 'track-sc' counters")]
    [InlineData("stick-table type ip size 10 peers nope", "t.cfg:7: error: 'stick-table' in backend 'be': 'peers' names no 'peers' section 'nope'")]
    [InlineData("stick-table type ip size 10 peers", "t.cfg:7: error: 'stick-table' in backend 'be' expects a value after 'peers' (got nothing)")]
    [InlineData("stick-table type ip size 10 srvkey addr", "t.cfg:7: error: 'stick-table' in backend 'be': 'srvkey' expects 'name' (entries always name their server; got 'addr')")]
    [InlineData("stick on src", "t.cfg:7: error: 'stick on' in backend 'be': no stick-table 'be' (a table is declared by 'stick-table' in the proxy of that name)")]
    public void Check_BadTableLine_ExactDiagnostic(string line, string expected)
    {
        Assert.Contains(expected, ConfigTestHelper.Diagnostics(Head + "    " + line + "\n"));
    }

    [Theory]
    [InlineData("stick blah src", "t.cfg:8: error: 'stick' in backend 'be' expects 'on', 'match', 'store-request' or 'store-response' (got 'blah')")]
    [InlineData("stick on", "t.cfg:8: error: 'stick on' in backend 'be' expects a pattern such as 'src' or 'req.cook(JSESSIONID)' (got nothing)")]
    [InlineData("stick on src foo", "t.cfg:8: error: 'stick on' in backend 'be': unknown argument 'foo', expects 'table NAME', 'if' or 'unless'")]
    [InlineData("stick on src table", "t.cfg:8: error: 'stick on' in backend 'be': 'table' expects a table name (got nothing)")]
    [InlineData("stick on src table bee", "t.cfg:8: error: 'stick on' in backend 'be': no stick-table 'bee' (a table is declared by 'stick-table' in the proxy of that name); did you mean 'be'?")]
    [InlineData("stick match res.cook(a)", "t.cfg:8: error: 'stick match' in backend 'be': 'res.cook(a)' reads the response, which does not exist yet; use it in 'stick store-response'")]
    [InlineData("stick store-response req.cook(a)", "t.cfg:8: error: 'stick store-response' in backend 'be': 'req.cook(a)' reads the request headers, which 'stick store-response' cannot see; use 'stick store-request'")]
    [InlineData("stick on src_port", "t.cfg:8: error: 'stick on' in backend 'be': 'src_port' gives an integer, which table 'be' of type 'ip' cannot hold")]
    [InlineData("stick on src if nosuch", "'nosuch'")]
    public void Check_BadStickRule_ExactDiagnostic(string line, string expected)
    {
        var diagnostics = ConfigTestHelper.Diagnostics(Head + "    stick-table type ip size 10\n    " + line + "\n");

        Assert.Contains(diagnostics, d => d.Contains(expected, StringComparison.Ordinal) && d.StartsWith("t.cfg:8: error:", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_FrontendAndBackendTablesShareName_Refused()
    {
        var diagnostics = ConfigTestHelper.Diagnostics(Head + "    stick-table type ip size 10\nfrontend be\n    bind 127.0.0.1:80\n    stick-table type ip size 10\n");

        Assert.Contains("t.cfg:10: error: 'stick-table' in frontend 'be': another proxy of the same name declares a table at t.cfg:7; table names must be unique", diagnostics);
    }

    [Fact]
    public void Check_HttpFetchInTcpBackend_Refused()
    {
        var diagnostics = ConfigTestHelper.Diagnostics(Head.Replace("mode http", "mode tcp", StringComparison.Ordinal) +
            "    stick-table type string size 10\n    stick on req.cook(a)\n");

        Assert.Contains("t.cfg:8: error: 'stick on' in backend 'be': 'req.cook(a)' reads HTTP messages; in 'mode tcp' only connection fetches such as 'src' work", diagnostics);
    }

    [Theory]
    [InlineData("peers\n    peer a 10.0.0.1:1\n", "t.cfg:1: error: 'peers' expects a section name (got nothing)")]
    [InlineData("peers p\n    peer a\n", "t.cfg:2: error: 'peer' in 'peers' section 'p' expects a node name and an IPADDR:PORT address (got 'a')")]
    [InlineData("peers p\n    peer a somehost:1\n", "t.cfg:2: error: 'peer' in 'peers' section 'p' expects an IPADDR:PORT address (got 'somehost:1': not an IP address)")]
    [InlineData("peers p\n    peer a 10.0.0.1\n", "t.cfg:2: error: 'peer' in 'peers' section 'p' expects an IPADDR:PORT address (got '10.0.0.1': no port)")]
    [InlineData("peers p\n    peer a 10.0.0.1:1\n    peer a 10.0.0.2:1\n", "t.cfg:3: error: peer 'a' appears twice in 'peers' section 'p' (first at t.cfg:2)")]
    [InlineData("peers p\n    peerr a 10.0.0.1:1\n", "t.cfg:2: error: unknown keyword 'peerr' in 'peers' section 'p', expects 'peer', 'server', 'disabled' or 'enabled'; did you mean 'peer'?")]
    [InlineData("peers p\n    table t type ip size 10\n", "t.cfg:2: error: 'table' in 'peers' section 'p' is not supported; declare the table with 'stick-table ... peers p' in a backend")]
    [InlineData("peers p\n    bind 10.0.0.1:1\n", "t.cfg:2: warning: 'bind' in 'peers' section 'p' is ignored: tables replicate over the appliance's gRPC sync (see 'sync_peer' in the 'ha' section), not HAProxy's peers protocol")]
    [InlineData("peers p\npeers p\n", "t.cfg:2: error: 'peers' section 'p' is declared twice (first at t.cfg:1)")]
    public void Check_BadPeersSection_ExactDiagnostic(string text, string expected)
    {
        Assert.Contains(expected, ConfigTestHelper.Diagnostics(text));
    }
}
