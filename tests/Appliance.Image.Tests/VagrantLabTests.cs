using Appliance.Tests.Common;

namespace Appliance.Image.Tests;

/// <summary>vagrant/: the Vagrantfile validates with Debian's vagrant, and the configuration its provisioning renders is valid.</summary>
public sealed class VagrantLabTests
{
    [Fact]
    public void Vagrantfile_VagrantValidate_Passes()
    {
        Assert.True(Shell.Exists("vagrant"), "vagrant is not installed (Debian package vagrant; .ci/run installs it)");
        // A copy: validating writes the lab's secrets (.cluster.key, .stats-password) and .vagrant/ beside the file.
        using var copy = new TempDirectory();
        var folder = Path.Combine(copy.Path, "vagrant");
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.GetFiles(Repository.PathOf("vagrant")))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }

        // Without a provider installed (CI has neither VirtualBox nor libvirt) the provider blocks are not checked.
        var (code, output) = Shell.Run("vagrant", ["validate", "--ignore-provider"], new Dictionary<string, string> { ["VAGRANT_CWD"] = folder }, TimeSpan.FromMinutes(5));

        Assert.True(code == 0, output);
        Assert.Contains("Vagrantfile validated successfully.", output, StringComparison.Ordinal);
        foreach (var machine in new[] { "lb1", "lb2", "web" })
        {
            Assert.Contains($"==> {machine}:", output, StringComparison.Ordinal);
        }

        Assert.Matches(@"^[A-Za-z0-9+/]{43}=$", File.ReadAllText(Path.Combine(folder, ".cluster.key")).Trim());
    }

    [Fact]
    public void WebTemplate_VagrantNodeValues_AcceptedByApplianceCheck()
    {
        using var dir = new TempDirectory();
        var key = dir.Write("cluster.key", "0123456789abcdef0123456789abcdef\n");
        var rendered = Shell.Ok(Repository.PathOf("lab/render"), Repository.PathOf("lab/templates/web-node.cfg.in"),
            "NODE=lb1", "BIND=192.168.56.10", "HTTP_PORT=80", "STATS_PORT=8404", "STATS_PASSWORD=secret", "BACKEND_HOST=192.168.56.13",
            "PRIORITY=150", "INTERFACE=eth1", "ADVERT_INT=1s", "VIP=192.168.56.10");
        // provision-node.sh appends the cluster key to the ha section the same way.
        var config = dir.Write("appliance.cfg", rendered + $"    auth_key_file {key}\n");

        var (code, output) = Shell.Run(Repository.Appliance, ["check", "-f", config]);

        Assert.True(code == 0, output);
        Assert.Contains("virtual_ipaddress 192.168.56.10/24", rendered, StringComparison.Ordinal);
        Assert.Contains("stats auth admin:secret", rendered, StringComparison.Ordinal);
        Assert.DoesNotContain("@", rendered, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ValueMissing_ExitTwoNamingThePlaceholder()
    {
        var (code, output) = Shell.Run(Repository.PathOf("lab/render"), [Repository.PathOf("lab/templates/web-node.cfg.in"), "NODE=lb1", "VIP=192.0.2.10"]);

        Assert.Equal(2, code);
        Assert.Contains("web-node.cfg.in: no value for @ADVERT_INT@ @BACKEND_HOST@ @BIND@", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_MalformedAssignment_ExitTwoNamingIt()
    {
        var (code, output) = Shell.Run(Repository.PathOf("lab/render"), [Repository.PathOf("lab/templates/lab-node.cfg.in"), "node=lb1"]);

        Assert.Equal(2, code);
        Assert.Contains("'node=lb1' is not NAME=VALUE", output, StringComparison.Ordinal);
    }
}
