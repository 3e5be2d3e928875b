using System.Diagnostics;
using Appliance.LabTests.Infrastructure;
using Appliance.LabTests.Infrastructure.Sticky;
using Xunit.Abstractions;

namespace Appliance.LabTests;

/// <summary>
/// Sticky clients through the VIP across a failover (issue 6): 1,000 clients pinned by source address and 1,000 by a
/// cookie; after the takeover every client that keeps its address or cookie must reach the same server.
/// </summary>
public sealed class StickyFailoverTests(ITestOutputHelper output)
{
    private const int SourceClients = 1000;
    private const int CookieClients = 1000;
    private static readonly TimeSpan RoleTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Validates the harness with persistence that needs no sync (<c>balance source</c>, <c>cookie SERVERID insert</c>):
    /// every client keeps its server across kill -9 of the master, while the control (<c>balance random</c>, no
    /// persistence) moves most clients, so the count can see a client that moved.
    /// </summary>
    [LabFact]
    public async Task KillMaster_StatelessPersistence_EveryClientKeepsItsServerAndControlMoves()
    {
        using var sticky = new StickyLab(output, StickyConfigs.Stateless, SourceClients, CookieClients);
        var probe = await sticky.Lab.StartPairAsync();
        var before = await PinAsync(sticky);
        var controlBefore = await sticky.Control.ProbeAsync();

        await KillMasterAsync(sticky, probe);
        var after = await sticky.Clients.ProbeAsync();
        var controlAfter = await sticky.Control.ProbeAsync();

        var source = after.Compare(before, "src");
        var cookie = after.Compare(before, "cookie");
        var control = controlAfter.Compare(controlBefore, "src");
        sticky.Log($"after kill -9: {source}; {cookie}; control (no persistence) {control}; spread {after.Summary()}");
        Assert.Equal(SourceClients, source.Same);
        Assert.Equal(CookieClients, cookie.Same);
        Assert.True(control.Failed == 0 && control.SameRatio < 0.5, $"the control should move most clients: {control}");
    }

    /// <summary>Logs in the cookie clients, then probes every client on the master: all must be served, cookie clients by their login's server.</summary>
    internal static async Task<StickyRound> PinAsync(StickyLab sticky)
    {
        var login = await sticky.Clients.LoginAsync();
        var before = await sticky.Clients.ProbeAsync();
        sticky.Log($"before the fault: {before.Summary()}");
        Assert.True(before.Errors.Count == 0, $"clients failed before the fault: {before.Summary()}");
        var pinned = before.Compare(login, "cookie");
        Assert.True(pinned.Same == sticky.Clients.CookieClients, $"cookie clients do not stay with their login's server on the master: {pinned}");
        return before;
    }

    private static async Task KillMasterAsync(StickyLab sticky, ClientProbe probe)
    {
        var fault = Stopwatch.GetTimestamp();
        sticky.Lab.Lb1.Signal(Posix.SigKill);
        await sticky.Lab.Lb2.WaitForRoleAsync("MASTER", RoleTimeout);
        await probe.WaitForServiceAsync(20, RoleTimeout, since: fault);
        sticky.Log($"kill -9 master: lb2 serves after an outage of {probe.Outage(fault).TotalMilliseconds:F0} ms");
    }
}
