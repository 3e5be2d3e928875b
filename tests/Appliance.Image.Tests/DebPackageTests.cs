using System.Text.RegularExpressions;

namespace Appliance.Image.Tests;

/// <summary>image/build-deb: what the package holds, its control data, and the unit checked by systemd-analyze.</summary>
public sealed class DebPackageTests(DebPackage package) : IClassFixture<DebPackage>
{
    [Fact]
    public void BuildDeb_Contents_SelfContainedBinaryUnitConfigSysctlsHookAndDocs()
    {
        var listing = Shell.Ok("dpkg-deb", "-c", package.File);
        var entries = listing.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => Regex.Match(line, @"^(\S+)\s+(\S+)\s+\d+\s+\S+\s+\S+\s+\./(\S*)(?: -> (\S+))?$"))
            .Where(m => m.Success)
            .ToDictionary(m => m.Groups[3].Value.TrimEnd('/'), m => (Mode: m.Groups[1].Value, Owner: m.Groups[2].Value, Target: m.Groups[4].Value));

        Assert.Equal(("-rwxr-xr-x", "root/root"), (entries["usr/lib/appliance/appliance"].Mode, entries["usr/lib/appliance/appliance"].Owner));
        Assert.Equal("../lib/appliance/appliance", entries["usr/bin/appliance"].Target);
        // Self-contained: the runtime travels with the binary.
        Assert.Contains("usr/lib/appliance/libcoreclr.so", entries.Keys);
        Assert.Contains("usr/lib/appliance/System.Private.CoreLib.dll", entries.Keys);
        Assert.Contains("usr/lib/appliance/Microsoft.AspNetCore.Server.Kestrel.Core.dll", entries.Keys);
        Assert.Equal("-rw-r--r--", entries["lib/systemd/system/appliance.service"].Mode);
        Assert.Equal("-rw-r--r--", entries["etc/appliance/appliance.cfg"].Mode);
        Assert.Equal("-rw-r--r--", entries["usr/lib/sysctl.d/60-appliance.conf"].Mode);
        Assert.Equal("-rwxr-xr-x", entries["usr/share/appliance/certbot-deploy-hook"].Mode);
        Assert.Contains("usr/share/doc/appliance/operations.md", entries.Keys);
        // `appliance demo` on an installed node: the script and the lab files, in the checkout's layout.
        Assert.Equal("-rwxr-xr-x", entries["usr/share/appliance/scripts/demo"].Mode);
        Assert.Equal("-rwxr-xr-x", entries["usr/share/appliance/lab/lab.sh"].Mode);
        Assert.Equal("-rwxr-xr-x", entries["usr/share/appliance/lab/render"].Mode);
        Assert.Contains("usr/share/appliance/lab/templates/web-node.cfg.in", entries.Keys);
        Assert.DoesNotContain(entries.Keys, name => name.StartsWith("etc/logrotate.d", StringComparison.Ordinal));
        Assert.DoesNotContain(entries.Keys, name => name.EndsWith(".pdb", StringComparison.Ordinal));
    }

    [Fact]
    public void BuildDeb_Control_ConffileMaintainerScriptsAndDependencies()
    {
        var info = Shell.Ok("dpkg-deb", "-I", package.File);
        Assert.Matches(@"(?m)^ Package: appliance$", info);
        Assert.Matches(@"(?m)^ Architecture: amd64$", info);
        Assert.Matches(@"(?m)^ Version: 0\.1\.0(\+git\d+\.[0-9a-f]{8})?$", info);
        Assert.Matches(@"(?m)^ Depends: .*\blibssl3\b.*\blibicu72\b.*\badduser\b", info);
        foreach (var script in new[] { "postinst", "prerm", "postrm" })
        {
            Assert.Matches($@"(?m)^\s+\d+ bytes,\s+\d+ lines\s+\*\s+{script}\s+#!/bin/sh$", info);
        }

        Assert.Equal("/etc/appliance/appliance.cfg\n", Shell.Ok("dpkg-deb", "-I", package.File, "conffiles"));
        var postinst = Shell.Ok("dpkg-deb", "-I", package.File, "postinst");
        Assert.Contains("adduser --system --group", postinst, StringComparison.Ordinal);
        Assert.Contains("deb-systemd-helper enable appliance.service", postinst, StringComparison.Ordinal);
        Assert.Equal(0, Shell.Run("sh", ["-n", "-c", postinst]).ExitCode);
    }

    [Fact]
    public void BuildDeb_Binary_ValidatesTheShippedExampleConfiguration()
    {
        var (code, output) = Shell.Run(Path.Combine(package.Extracted, "usr/lib/appliance/appliance"),
            ["check", "-f", Path.Combine(package.Extracted, "etc/appliance/appliance.cfg")]);

        Assert.True(code == 0, output);
        Assert.Contains("Configuration file is valid", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Unit_SystemdAnalyzeVerify_NoDiagnostics()
    {
        Assert.True(Shell.Exists("systemd-analyze"), "systemd-analyze is not installed (Debian package systemd; .ci/run installs it)");
        // verify also checks that every Exec binary exists and is executable: a copy of the unit names the extracted
        // package's binary instead of /usr/bin/appliance (the symbolic link, as installed).
        using var copy = new Appliance.Tests.Common.TempDirectory();
        var text = File.ReadAllText(Path.Combine(package.Extracted, "lib/systemd/system/appliance.service"))
            .Replace("/usr/bin/appliance ", Path.Combine(package.Extracted, "usr/bin/appliance") + " ", StringComparison.Ordinal);
        var unit = copy.Write("appliance.service", text);
        var (code, output) = Shell.Run("systemd-analyze", ["verify", "--man=no", unit]);

        Assert.True(code == 0 && output.Trim().Length == 0, $"systemd-analyze verify exited {code}:\n{output}");
    }

    [Fact]
    public void Unit_Settings_NotifyRestartReloadAndOnlyTheNetworkCapabilities()
    {
        var unit = File.ReadAllText(Path.Combine(package.Extracted, "lib/systemd/system/appliance.service"));
        string Value(string key) => Regex.Match(unit, $@"(?m)^{key}=(.*)$").Groups[1].Value;

        Assert.Equal("notify", Value("Type"));
        Assert.Equal("on-failure", Value("Restart"));
        Assert.Equal("/usr/bin/appliance reload --socket /run/appliance/admin.sock", Value("ExecReload"));
        Assert.Equal("appliance", Value("User"));
        Assert.Equal("CAP_NET_ADMIN CAP_NET_RAW CAP_NET_BIND_SERVICE", Value("AmbientCapabilities"));
        Assert.Equal(Value("AmbientCapabilities"), Value("CapabilityBoundingSet"));
        Assert.Contains("AF_NETLINK AF_PACKET", Value("RestrictAddressFamilies"), StringComparison.Ordinal);
        Assert.StartsWith("/usr/bin/appliance run -f /etc/appliance/appliance.cfg", Value("ExecStart"), StringComparison.Ordinal);
    }

    [Fact]
    public void Sysctls_FloatingIpSettings()
    {
        var sysctl = File.ReadAllText(Path.Combine(package.Extracted, "usr/lib/sysctl.d/60-appliance.conf"));

        Assert.Matches(@"(?m)^net\.ipv4\.ip_nonlocal_bind = 1$", sysctl);
        Assert.Matches(@"(?m)^net\.ipv4\.conf\.all\.arp_ignore = 1$", sysctl);
        Assert.Matches(@"(?m)^net\.ipv4\.conf\.all\.arp_announce = 2$", sysctl);
    }
}
