using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Appliance.LabTests.Infrastructure;

namespace Appliance.Bench.Failover;

/// <summary>
/// One run in a fresh lab: lb1 (priority 150) becomes master, lb2 (100) backup, the 10 ms client probe is served
/// through the VIP; then the fault. <c>kill</c>/<c>stop</c>: SIGKILL or SIGSTOP every process of the master, wait
/// until lb2 is master and the client is served again, and report the outage (the longest gap between two successful
/// probe attempts). <c>linkdown</c>: lb1's port on the lab's switch goes down (a host crash or power loss as the
/// network sees it: nothing more from lb1, no FIN or RST), the same wait and measure. <c>load</c>: wrk saturates the master's HTTP listener for the load time and the run reports the
/// role changes of both nodes meanwhile (each one a false failover or its undoing) and the probe's longest gap.
/// </summary>
internal static partial class FailoverRun
{
    private static readonly TimeSpan RoleTimeout = TimeSpan.FromSeconds(30);

    public static async Task<string> RunAsync(LabSetup lab, Func<LabSetup, string, IRouterNode> create, string fault, string? nginxConfig, int loadSeconds)
    {
        var owned = new List<IDisposable>();
        lab.Up();
        try
        {
            owned.Add(lab.Backend());
            if (fault == "load")
            {
                owned.Add(new LabProcess("nginx", ["ip", "netns", "exec", lab.Namespace("be"), "nginx", "-c", nginxConfig!, "-g", "daemon off;"]));
            }

            var lb1 = create(lab, "lb1");
            owned.Add(lb1);
            lb1.Start(150);
            await lb1.Roles.WaitForAsync("MASTER", RoleTimeout, lb1.Tail);
            var lb2 = create(lab, "lb2");
            owned.Add(lb2);
            lb2.Start(100);
            await lb2.Roles.WaitForAsync("BACKUP", RoleTimeout, lb2.Tail);

            var probe = new ClientProbe(lab.Namespace("cl"), new IPEndPoint(IPAddress.Parse(LabSetup.Vip), 8080));
            owned.Add(probe);
            await probe.WaitForServiceAsync(50, RoleTimeout);
            // A few adverts with the pair settled before the fault.
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Max(1000, 3 * lab.AdvertMs)));

            var started = Stopwatch.GetTimestamp();
            if (fault == "load")
            {
                return await LoadAsync(lab, lb1, lb2, probe, started, loadSeconds);
            }

            if (fault == "linkdown")
            {
                // A host crash or power loss as the network sees it: not one more frame from lb1, no FIN, no RST.
                lab.Port("lb1", up: false);
            }
            else
            {
                lb1.SignalAll(fault == "kill" ? Posix.SigKill : Posix.SigStop);
            }

            await lb2.Roles.WaitForAsync("MASTER", RoleTimeout, lb2.Tail);
            var takeover = Stopwatch.GetElapsedTime(started);
            await probe.WaitForServiceAsync(20, RoleTimeout, since: started);
            var outage = probe.Outage(started);
            return string.Create(CultureInfo.InvariantCulture, $"outage_ms={outage.TotalMilliseconds:F0} takeover_ms={takeover.TotalMilliseconds:F0} path={lb2.Roles.Reason} probe=\"{probe.Summary()}\"");
        }
        finally
        {
            foreach (var item in Enumerable.Reverse(owned))
            {
                item.Dispose();
            }

            lab.Down();
        }
    }

    private static async Task<string> LoadAsync(LabSetup lab, IRouterNode lb1, IRouterNode lb2, ClientProbe probe, long started, int seconds)
    {
        string[] wrk = ["ip", "netns", "exec", lab.Namespace("cl"), "wrk", "-t2", "-c200", $"-d{seconds}s", $"http://{LabSetup.Vip}:{LabSetup.WebPort}/"];
        var (exitCode, output, errors) = await Task.Run(() => Commands.Run(wrk[0], wrk.Skip(1), TimeSpan.FromSeconds(seconds + 30)));
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"wrk exited {exitCode}: {output}{errors}");
        }

        var changes = lb1.Roles.ChangesSince(started) + lb2.Roles.ChangesSince(started);
        var rate = RequestsPerSecond().Match(output) is { Success: true } m ? m.Groups[1].Value : "?";
        var gap = probe.Outage(started);
        return string.Create(CultureInfo.InvariantCulture,
            $"role_changes={changes} lb1_role={lb1.Roles.Role} wrk_rps={rate} probe_max_gap_ms={gap.TotalMilliseconds:F0} probe=\"{probe.Summary()}\"");
    }

    [GeneratedRegex(@"Requests/sec:\s+([0-9.]+)")]
    private static partial Regex RequestsPerSecond();
}
