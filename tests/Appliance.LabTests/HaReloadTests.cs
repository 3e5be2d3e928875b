using System.Diagnostics;
using Appliance.LabTests.Infrastructure;
using Xunit.Abstractions;

namespace Appliance.LabTests;

/// <summary>
/// `appliance reload` on a running pair applies a changed <c>ha</c> section without a restart (docs/ha.md "Reload"):
/// a lowered priority moves the VIP by the RFC 5798 §6.4 rules, a VIP added or dropped appears on or leaves the master's
/// interface, and a restart-only keyword is named in the answer while the running value stays.
/// </summary>
public sealed class HaReloadTests(ITestOutputHelper output)
{
    private const string SecondVip = "10.213.0.20";
    private static readonly TimeSpan RoleTimeout = TimeSpan.FromSeconds(10);

    [LabFact]
    public async Task Reload_MasterPriorityBelowBackup_VipMovesToTheBackupWithoutARestart()
    {
        using var lab = new Lab(output);
        var probe = await lab.StartPairAsync();
        var pid = lab.Lb1.Pid;

        Rewrite(lab.Lb1, "priority 150", "priority 50");
        var reloaded = Stopwatch.GetTimestamp();
        var answer = await lab.Lb1.SendAdminAsync("reload", CancellationToken.None);
        lab.Log($"reload answer: {answer}");

        Assert.Contains("ha: applied priority 150 -> 50", answer, StringComparison.Ordinal);
        await lab.WaitForSoleMasterAsync(lab.Lb2, RoleTimeout);
        await lab.WaitForClientNeighbourAsync(lab.Lb2.Mac, TimeSpan.FromSeconds(3));
        await probe.WaitForServiceAsync(20, RoleTimeout, since: reloaded);
        lab.Log($"priority lowered by reload: outage {probe.Outage(reloaded).TotalMilliseconds:F0} ms, {probe.Summary()}");
        Assert.Contains(lab.Lb1.RoleLines, l => l.Contains("role MASTER -> BACKUP (HigherPriorityAdvert)", StringComparison.Ordinal));
        Assert.Contains(lab.Lb2.RoleLines, l => l.Contains("role BACKUP -> MASTER (MasterDown)", StringComparison.Ordinal));
        Assert.Equal(pid, lab.Lb1.Pid);
        Assert.True(lab.Lb1.IsRunning, "lb1 exited on the reload");
    }

    [LabFact]
    public async Task Reload_SecondVipAddedThenDropped_AppearsOnAndLeavesTheMastersInterface()
    {
        using var lab = new Lab(output);
        await lab.StartPairAsync();
        var pid = lab.Lb1.Pid;

        // The ha section ends the lab config: a line appended joins it. The VRID change needs a restart and must not apply.
        Rewrite(lab.Lb1, "virtual_router_id 51", "virtual_router_id 52");
        File.AppendAllText(lab.Lb1.ConfigPath!, $"    virtual_ipaddress {SecondVip}/24\n");
        var answer = await lab.Lb1.SendAdminAsync("reload", CancellationToken.None);
        lab.Log($"reload answer: {answer}");

        Assert.Contains($"ha: applied virtual_ipaddress +{SecondVip}/24", answer, StringComparison.Ordinal);
        Assert.Contains("restart needed for virtual_router_id 51 -> 52 (the running value stays until then)", answer, StringComparison.Ordinal);
        await WaitForAsync(() => HasAddress(lab, lab.Lb1, SecondVip), $"{SecondVip} on lb1's eth0");
        Assert.False(HasAddress(lab, lab.Lb2, SecondVip), $"{SecondVip} is on the backup too");
        var status = lab.Lb1.Admin("status");
        Assert.Contains($"vips: {Lab.Vip}/24, {SecondVip}/24", status.Output, StringComparison.Ordinal);
        // The client resolves the new VIP to the master and reaches it: nothing listens there, so the master's kernel
        // answers the SYN with a reset.
        var connect = Commands.Run("ip", ["netns", "exec", lab.NamespaceOf("cl"), "socat", "-", $"TCP:{SecondVip}:8080,connect-timeout=2"], TimeSpan.FromSeconds(10));
        Assert.Contains("Connection refused", connect.Errors, StringComparison.Ordinal);
        Assert.Contains(lab.Lb1.Mac, Commands.Check("ip", "-n", lab.NamespaceOf("cl"), "neigh", "show", SecondVip), StringComparison.Ordinal);
        // Still one pair on VRID 51: the new VRID did not apply, so lb2 keeps hearing lb1.
        await Task.Delay(TimeSpan.FromSeconds(1));
        await lab.WaitForSoleMasterAsync(lab.Lb1, RoleTimeout);

        Rewrite(lab.Lb1, $"    virtual_ipaddress {SecondVip}/24\n", string.Empty);
        answer = await lab.Lb1.SendAdminAsync("reload", CancellationToken.None);
        lab.Log($"reload answer: {answer}");
        Assert.Contains($"ha: applied virtual_ipaddress -{SecondVip}/24", answer, StringComparison.Ordinal);
        await WaitForAsync(() => !HasAddress(lab, lab.Lb1, SecondVip), $"{SecondVip} gone from lb1's eth0");
        Assert.True(lab.Lb1.HasVip, "the first VIP left with the second");
        Assert.Equal(pid, lab.Lb1.Pid);
    }

    [LabFact]
    public async Task Reload_HaPartInvalidOrUnappliable_WholeReloadRefusedAndTheNodeKeepsItsSection()
    {
        using var lab = new Lab(output);
        await lab.StartPairAsync();
        var original = File.ReadAllText(lab.Lb1.ConfigPath!);

        // A VIP on an interface this node lacks: validation passes, the prepare step fails before anything applies.
        Rewrite(lab.Lb1, "priority 150", "priority 50");
        File.AppendAllText(lab.Lb1.ConfigPath!, "    virtual_ipaddress 10.213.0.30/24 dev nosuch0\n");
        var answer = await lab.Lb1.SendAdminAsync("reload", CancellationToken.None);
        lab.Log($"reload answer: {answer}");
        Assert.StartsWith("error: reload refused: ha: interface 'nosuch0' does not exist", answer, StringComparison.Ordinal);
        Assert.EndsWith("the running configuration stays", answer, StringComparison.Ordinal);

        // An invalid value: refused with the file and line.
        File.WriteAllText(lab.Lb1.ConfigPath!, original.Replace("priority 150", "priority 300", StringComparison.Ordinal));
        answer = await lab.Lb1.SendAdminAsync("reload", CancellationToken.None);
        lab.Log($"reload answer: {answer}");
        Assert.StartsWith("error: reload refused (1 error(s)); the running configuration stays", answer, StringComparison.Ordinal);
        Assert.Contains($"{lab.Lb1.ConfigPath}:", answer, StringComparison.Ordinal);
        Assert.Contains("error: 'priority' expects", answer, StringComparison.Ordinal);

        var status = lab.Lb1.Admin("status").Output;
        Assert.Contains("priority: 150", status, StringComparison.Ordinal);
        Assert.Contains($"vips: {Lab.Vip}/24\n", status, StringComparison.Ordinal);
        await Task.Delay(TimeSpan.FromSeconds(1));
        await lab.WaitForSoleMasterAsync(lab.Lb1, RoleTimeout);
    }

    private static void Rewrite(LabNode node, string from, string to)
    {
        var text = File.ReadAllText(node.ConfigPath!);
        Assert.Contains(from, text, StringComparison.Ordinal);
        File.WriteAllText(node.ConfigPath!, text.Replace(from, to, StringComparison.Ordinal));
    }

    private static bool HasAddress(Lab lab, LabNode node, string address) =>
        Commands.Check("ip", "-n", lab.NamespaceOf(node.Name), "-4", "addr", "show", "dev", "eth0").Contains($" {address}/", StringComparison.Ordinal);

    private static async Task WaitForAsync(Func<bool> condition, string what)
    {
        var started = Stopwatch.GetTimestamp();
        while (!condition())
        {
            Assert.True(Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(5), $"never: {what}");
            await Task.Delay(20);
        }
    }
}
