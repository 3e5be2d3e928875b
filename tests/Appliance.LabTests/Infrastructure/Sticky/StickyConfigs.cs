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
            bind {Lab.Vip}:{port}
            default_backend {name}

        """;
}
