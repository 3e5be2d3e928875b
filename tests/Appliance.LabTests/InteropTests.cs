using System.Diagnostics;
using Appliance.LabTests.Infrastructure;
using Xunit.Abstractions;

namespace Appliance.LabTests;

/// <summary>Real peers judge our packets: tshark's dissectors, and keepalived 2.2.7 as the other router.</summary>
public sealed class InteropTests(ITestOutputHelper output)
{
    private static readonly TimeSpan RoleTimeout = TimeSpan.FromSeconds(10);

    [LabFact("tshark")]
    public async Task Tshark_AdvertsAndFailoverGarp_DecodeAsValidVrrpv3AndGratuitousArp()
    {
        using var lab = new Lab(output);
        await lab.StartPairAsync();
        var capture = Path.Combine(lab.Folder, "capture.pcap");
        using (var tshark = new LabProcess("tshark", ["ip", "netns", "exec", lab.NamespaceOf("cl"), "tshark", "-i", "eth0", "-a", "duration:3", "-w", capture, "-f", "ip proto 112 or arp"]))
        {
            await WaitForLineAsync(tshark, "Capturing on", TimeSpan.FromSeconds(20));
            await Task.Delay(500);
            lab.Lb1.Signal(Posix.SigKill);
            await lab.Lb2.WaitForRoleAsync("MASTER", RoleTimeout);
            Assert.True(tshark.WaitForExit(TimeSpan.FromSeconds(20)), "tshark did not finish its 3 s capture");
        }

        var vrrp = Commands.Check("tshark", "-r", capture, "-Y", "vrrp", "-T", "fields", "-E", "separator=,",
            "-e", "ip.src", "-e", "ip.ttl", "-e", "vrrp.version", "-e", "vrrp.type", "-e", "vrrp.virt_rtr_id", "-e", "vrrp.prio",
            "-e", "vrrp.short_adver_int", "-e", "vrrp.checksum.status", "-e", "vrrp.ip_addr");
        var adverts = vrrp.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        output.WriteLine($"{adverts.Length} adverts decoded; first: {adverts.FirstOrDefault()}; last: {adverts.LastOrDefault()}");
        // Fields: source, TTL, version, type, VRID, priority, interval (cs), checksum status (1 = Good in Wireshark's
        // proto_checksum_enum_t), addresses. lb1 advertised until killed, then lb2 took over.
        Assert.Contains("10.213.0.11,255,3,1,51,150,10,1,10.213.0.10", adverts);
        Assert.Contains("10.213.0.12,255,3,1,51,100,10,1,10.213.0.10", adverts);
        Assert.All(adverts, a => Assert.Matches(@"^10\.213\.0\.1[12],255,3,1,51,(150|100),10,1,10\.213\.0\.10$", a));

        var garps = Commands.Check("tshark", "-r", capture, "-Y", "arp.isgratuitous == 1", "-T", "fields", "-E", "separator=,",
            "-e", "eth.src", "-e", "eth.dst", "-e", "arp.src.proto_ipv4", "-e", "arp.dst.proto_ipv4").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        output.WriteLine($"{garps.Length} gratuitous ARPs decoded; first: {garps.FirstOrDefault()}");
        Assert.Contains($"{lab.Lb2.Mac},ff:ff:ff:ff:ff:ff,10.213.0.10,10.213.0.10", garps);
    }

    [LabFact("keepalived")]
    public async Task Keepalived_OursAndKeepalivedOnOneVrid_OneMasterAndHandoverBothWays()
    {
        using var lab = new Lab(output);
        lab.Lb1.Start(lab.Config("lb1", 150));
        await lab.Lb1.WaitForRoleAsync("MASTER", RoleTimeout);
        var config = Path.Combine(lab.Folder, "keepalived.conf");
        File.WriteAllText(config, """
            global_defs {
                router_id lb2
                vrrp_version 3
            }
            vrrp_instance VI_51 {
                state BACKUP
                interface eth0
                virtual_router_id 51
                priority 100
                advert_int 0.1
                virtual_ipaddress {
                    10.213.0.10/24
                }
            }
            """);
        using var keepalived = new LabProcess("keepalived", [
            "ip", "netns", "exec", lab.NamespaceOf("lb2"), "keepalived", "--dont-fork", "--log-console", "--vrrp",
            "-f", config, "-p", Path.Combine(lab.Folder, "k.pid"), "-r", Path.Combine(lab.Folder, "kv.pid")]);
        try
        {
            await WaitForLineAsync(keepalived, "Entering BACKUP STATE", RoleTimeout);
            // keepalived's node has no proxy of ours: a plain server on the VIP stands in, bound before the VIP arrives
            // (lab.sh sets ip_nonlocal_bind), so the client is served whichever router holds the VIP.
            using var standIn = new LabProcess("stand-in", [
                "ip", "netns", "exec", lab.NamespaceOf("lb2"), "socat", $"TCP-LISTEN:8080,bind={Lab.Vip},reuseaddr,fork", "EXEC:/bin/echo keepalived"]);
            var probe = await lab.StartClientAsync();
            // Ten Master_Down_Intervals side by side: keepalived must accept our adverts and stay backup.
            await Task.Delay(TimeSpan.FromSeconds(3.5));
            Assert.Equal([lab.Lb1], lab.VipHolders());
            Assert.DoesNotContain(keepalived.Lines, l => l.Contains("Entering MASTER STATE", StringComparison.Ordinal));

            // Ours -> keepalived: graceful stop (priority 0); keepalived takes over after its Skew_Time.
            var stop = Stopwatch.GetTimestamp();
            lab.Lb1.Signal(Posix.SigTerm);
            await WaitForLineAsync(keepalived, "Entering MASTER STATE", RoleTimeout);
            Assert.True(lab.Lb1.WaitForExit(TimeSpan.FromSeconds(10)));
            await lab.WaitForClientNeighbourAsync(lab.Lb2.Mac, TimeSpan.FromSeconds(3));
            await probe.WaitForServiceAsync(20, RoleTimeout, since: stop);
            output.WriteLine($"ours -> keepalived (SIGTERM, priority 0): outage {probe.Outage(stop).TotalMilliseconds:F0} ms, {probe.Summary()}");
            Assert.Equal([lab.Lb2], lab.VipHolders());

            // keepalived -> ours: ours returns with the higher priority and preempts; keepalived steps down.
            var back = Stopwatch.GetTimestamp();
            lab.Lb1.Start(lab.Config("lb1", 150));
            await lab.Lb1.WaitForRoleAsync("MASTER", RoleTimeout);
            await WaitForLineAsync(keepalived, "Entering BACKUP STATE", RoleTimeout, occurrence: 2);
            await lab.WaitForClientNeighbourAsync(lab.Lb1.Mac, TimeSpan.FromSeconds(3));
            await probe.WaitForServiceAsync(20, RoleTimeout, since: back);
            output.WriteLine($"keepalived -> ours (preempt): outage {probe.Outage(back).TotalMilliseconds:F0} ms, {probe.Summary()}");
            Assert.Equal([lab.Lb1], lab.VipHolders());
        }
        finally
        {
            output.WriteLine("--- keepalived:\n" + string.Join('\n', keepalived.Lines.Where(l => l.Contains("VI_51", StringComparison.Ordinal)).TakeLast(15)));
            if (!keepalived.HasExited)
            {
                keepalived.Signal(Posix.SigTerm);
                keepalived.WaitForExit(TimeSpan.FromSeconds(5));
            }
        }
    }

    private static async Task WaitForLineAsync(LabProcess process, string text, TimeSpan timeout, int occurrence = 1)
    {
        var started = Stopwatch.GetTimestamp();
        while (process.Lines.Count(l => l.Contains(text, StringComparison.Ordinal)) < occurrence)
        {
            if (Stopwatch.GetElapsedTime(started) > timeout || process.HasExited)
            {
                throw new TimeoutException($"{process.Name} never printed '{text}' ({occurrence}):\n{string.Join('\n', process.Lines.TakeLast(20))}");
            }

            await Task.Delay(20);
        }
    }
}
