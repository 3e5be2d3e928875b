namespace Appliance.LabTests.Infrastructure.Sticky;

/// <summary>
/// The proxy sections of the sticky-client tests, appended to lab.sh's node config: HTTP frontends on the VIP for
/// the source-address clients (<see cref="SourcePort"/>), the cookie clients (<see cref="CookiePort"/>) and a control
/// without persistence (<see cref="ControlPort"/>), each with a backend over the lab's HTTP servers.
/// </summary>
internal static class StickyConfigs
{
    public const int SourcePort = 8090;
    public const int CookiePort = 8091;
    public const int ControlPort = 8092;

    /// <summary>lab.sh's VIP (repeated here so bench/ can link this file without the test's Lab).</summary>
    public const string Vip = "10.213.0.10";

    /// <summary>Where each node's sync service listens: its own lab address, port 7400.</summary>
    public static readonly IReadOnlyDictionary<string, string> SyncAddress = new Dictionary<string, string>
    {
        ["lb1"] = "10.213.0.11:7400",
        ["lb2"] = "10.213.0.12:7400",
    };

    /// <summary>
    /// The <c>ha</c> lines that turn on state sync between lb1 and lb2 (docs/ha.md "State sync"): the node's name, its
    /// sync address, the other node as its peer, and the cluster's pre-shared key.
    /// </summary>
    public static string[] SyncHaLines(string node, string pskFile)
    {
        var peer = node == "lb1" ? "lb2" : "lb1";
        return [$"node_name {node}", $"sync_listen {SyncAddress[node]}", $"sync_peer {peer} {SyncAddress[peer]}", $"sync_psk_file {pskFile}"];
    }

    /// <summary>
    /// Replicated stick tables (docs/configuration.md "Stick tables"), balancing at random so that a client whose entry
    /// the new master lacks lands on its old server only by chance (1 in 4): <c>stick on src</c> for the source clients,
    /// the application's own <c>JSESSIONID</c> learned from responses for the cookie clients. The <c>peers</c> section
    /// names the two nodes, as an existing HAProxy configuration would.
    /// </summary>
    public static string StickTables(LabHttpBackends backends) => $"""

        peers lab
            peer lb1 {SyncAddress["lb1"]}
            peer lb2 {SyncAddress["lb2"]}

        {Frontend("bysrc", SourcePort)}
        backend bysrc
            mode http
            balance random
            stick-table type ip size 100k expire 30m peers lab
            stick on src
        {backends.ServerLines()}
        {Frontend("bycookie", CookiePort)}
        backend bycookie
            mode http
            balance random
            stick-table type string len 64 size 1m expire 30m peers lab
            stick match req.cook(JSESSIONID)
            stick store-response res.cook(JSESSIONID)
        {backends.ServerLines()}
        {Control(backends)}
        """;

    /// <summary>
    /// Persistence that needs no shared state, to validate the harness: <c>balance source</c> (a hash of the address,
    /// the same on every node) and <c>cookie SERVERID insert</c> (the server's name travels in the client's cookie).
    /// </summary>
    public static string Stateless(LabHttpBackends backends) => $"""

        {Frontend("bysrc", SourcePort)}
        backend bysrc
            mode http
            balance source
        {backends.ServerLines()}
        {Frontend("bycookie", CookiePort)}
        backend bycookie
            mode http
            balance random
            cookie SERVERID insert indirect nocache
        {backends.ServerLines(name => $"cookie {name}")}
        {Control(backends)}
        """;

    /// <summary>
    /// The configuration change the convergence measurements make: a new HTTP frontend on every address of the node,
    /// port <paramref name="port"/>, to the control backend. A node answers on NODE-ADDRESS:PORT once it runs it.
    /// </summary>
    public static string NewListener(int port) => $"""

        frontend added{port}
            mode http
            bind :{port}
            default_backend control

        """;

    /// <summary>
    /// The control: <c>balance random</c> without persistence. Two rounds over it must differ for most clients, which
    /// shows the harness sees a client that moves (and that 'same server' is not an accident of the balancer).
    /// </summary>
    private static string Control(LabHttpBackends backends) => $"""
        {Frontend("control", ControlPort)}
        backend control
            mode http
            balance random
        {backends.ServerLines()}
        """;

    private static string Frontend(string name, int port) => $"""
        frontend {name}
            mode http
            bind {Vip}:{port}
            default_backend {name}

        """;
}
