using System.Diagnostics;
using Appliance.Tests.Common;
using Xunit.Abstractions;

namespace Appliance.Image.Tests;

/// <summary>
/// image/build then image/boot-check: the flashable image boots under qemu (TCG), applies the APPLCFG partition's
/// settings on its first boot, and the appliance answers on its stats port as MASTER with its VIP and proxies a request.
/// About 10 to 15 minutes on two cores (a Debian bootstrap from the mirror, then a TCG boot); see docs/operations.md.
/// </summary>
public sealed class DiskImageTests(ITestOutputHelper output)
{
    [ImageFact("mmdebstrap", "mke2fs", "mkfs.vfat", "mcopy", "syslinux", "sfdisk", "qemu-system-x86_64", "qemu-img", "curl")]
    public void BuildThenBootCheck_FreshImage_FirstBootAppliedAndStatsPageShowsMaster()
    {
        using var dir = new TempDirectory();
        var clock = Stopwatch.StartNew();
        var (buildCode, buildOutput) = Shell.Run(Repository.PathOf("image/build"), ["-o", dir.Path], timeout: TimeSpan.FromMinutes(40));
        output.WriteLine($"image/build: {clock.Elapsed:mm\\:ss}");
        Assert.True(buildCode == 0, $"image/build exited {buildCode}:\n{Tail(buildOutput)}");
        var raw = Path.Combine(dir.Path, "appliance.img");
        Assert.True(File.Exists(raw));
        Assert.True(File.Exists(Path.Combine(dir.Path, "appliance.qcow2")));
        var table = Shell.Ok("sfdisk", "--dump", raw);
        Assert.Contains("type=c, bootable", table, StringComparison.Ordinal);
        Assert.Contains("type=83", table, StringComparison.Ordinal);

        clock.Restart();
        var log = Path.Combine(dir.Path, "console.log");
        var (bootCode, bootOutput) = Shell.Run(Repository.PathOf("image/boot-check"), ["-l", log, raw], timeout: TimeSpan.FromMinutes(20));
        output.WriteLine($"image/boot-check: {clock.Elapsed:mm\\:ss}");
        output.WriteLine(bootOutput);

        Assert.True(bootCode == 0, $"image/boot-check exited {bootCode}:\n{bootOutput}");
        Assert.Contains("HA role: MASTER · node bootcheck · VIPs: 10.0.2.100/24", bootOutput, StringComparison.Ordinal);
        Assert.Contains("reached the backend: hello from the boot-check backend", bootOutput, StringComparison.Ordinal);
        // Type=notify: systemd reports the unit started only after the process said READY=1 (after "serving").
        var console = File.ReadAllText(log);
        var serving = console.IndexOf("appliance: serving", StringComparison.Ordinal);
        var started = console.IndexOf("Started appliance.service", StringComparison.Ordinal);
        Assert.True(serving >= 0 && started > serving, "the console does not show 'serving' before 'Started appliance.service'");
    }

    private static string Tail(string text) => string.Join('\n', text.Split('\n').TakeLast(60));
}
