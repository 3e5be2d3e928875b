using System.Security.Cryptography.X509Certificates;
using Appliance.HaAgent.Sync.Security;
using Appliance.Tests.Common;

namespace Appliance.Host.Tests.Cli;

/// <summary><c>appliance cluster init-ca|issue-cert|gen-psk</c> in-process: files, modes, refusals, nothing secret printed.</summary>
public sealed class ClusterCommandTests : IDisposable
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void InitCaThenIssueCert_WritesAChainThatMutualTlsLoads()
    {
        var caDir = Path.Combine(_temp.Path, "ca");
        var nodeDir = Path.Combine(_temp.Path, "lb1");

        var init = CliRunner.Run("cluster", "init-ca", "--out", caDir, "--name", "prod");
        var issue = CliRunner.Run("cluster", "issue-cert", "lb1", "--ca", caDir, "--out", nodeDir, "--address", "10.213.0.11");

        Assert.Equal((0, string.Empty), (init.Exit, init.Stderr));
        Assert.Equal((0, string.Empty), (issue.Exit, issue.Stderr));
        Assert.Contains("CN=prod cluster CA", init.Stdout, StringComparison.Ordinal);
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(Path.Combine(caDir, "ca.key")));
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(Path.Combine(nodeDir, "lb1.key")));
        var security = MutualTlsSecurity.Load(Path.Combine(caDir, "ca.pem"), Path.Combine(nodeDir, "lb1.pem"), Path.Combine(nodeDir, "lb1.key"));
        Assert.Equal("lb1", security.NodeCertificate.GetNameInfo(X509NameType.SimpleName, false));
        Assert.Contains("IP Address:10.213.0.11", security.NodeCertificate.Extensions["2.5.29.17"]!.Format(false), StringComparison.Ordinal);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(security.ClusterCa);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        Assert.True(chain.Build(security.NodeCertificate));
        var key = File.ReadAllText(Path.Combine(nodeDir, "lb1.key"));
        Assert.DoesNotContain("PRIVATE KEY", init.Stdout + issue.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(key.Split('\n')[1], issue.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void InitCa_KeyExists_RefusesAndKeepsIt()
    {
        var caDir = Path.Combine(_temp.Path, "ca");
        Assert.Equal(0, CliRunner.Run("cluster", "init-ca", "--out", caDir).Exit);
        var before = File.ReadAllText(Path.Combine(caDir, "ca.key"));

        var (exit, _, stderr) = CliRunner.Run("cluster", "init-ca", "--out", caDir);

        Assert.Equal(1, exit);
        Assert.StartsWith($"cluster init-ca: {Path.Combine(caDir, "ca.key")} already exists; remove it first", stderr, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(Path.Combine(caDir, "ca.key")));
    }

    [Fact]
    public void IssueCert_NoCa_SaysWhichFileExit1()
    {
        var (exit, _, stderr) = CliRunner.Run("cluster", "issue-cert", "lb1", "--ca", Path.Combine(_temp.Path, "none"), "--out", _temp.Path);

        Assert.Equal(1, exit);
        Assert.StartsWith("cluster issue-cert: ", stderr, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(_temp.Path, "none", "ca.pem"), stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("lb_1", "'lb_1' is not a host name")]
    [InlineData("lb1 --address 10.0.0.300", "--address expects an IPv4 or IPv6 address (got '10.0.0.300')")]
    public void IssueCert_BadNameOrAddress_ErrorExit1(string arguments, string message)
    {
        var caDir = Path.Combine(_temp.Path, "ca");
        Assert.Equal(0, CliRunner.Run("cluster", "init-ca", "--out", caDir).Exit);

        var (exit, _, stderr) = CliRunner.Run(["cluster", "issue-cert", .. arguments.Split(' '), "--ca", caDir, "--out", _temp.Path]);

        Assert.Equal(1, exit);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void GenPsk_WritesA32ByteKeyOwnerOnlyThatLoads()
    {
        var path = Path.Combine(_temp.Path, "sync.key");

        var (exit, stdout, stderr) = CliRunner.Run("cluster", "gen-psk", "--out", path);

        Assert.Equal((0, string.Empty), (exit, stderr));
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(path));
        var text = File.ReadAllText(path).Trim();
        Assert.Equal(32, Convert.FromBase64String(text).Length);
        Assert.DoesNotContain(text, stdout, StringComparison.Ordinal);
        Assert.Equal(32, PreSharedKeySecurity.FromFile(path).Key.Length);
    }

    [Fact]
    public void GenPsk_FileExists_RefusesAndKeepsIt()
    {
        var path = Path.Combine(_temp.Path, "sync.key");
        File.WriteAllText(path, "old");

        var (exit, _, stderr) = CliRunner.Run("cluster", "gen-psk", "--out", path);

        Assert.Equal(1, exit);
        Assert.Contains("already exists", stderr, StringComparison.Ordinal);
        Assert.Equal("old", File.ReadAllText(path));
    }

    [Fact]
    public void GenPsk_TwoRuns_DifferentKeys()
    {
        var a = Path.Combine(_temp.Path, "a.key");
        var b = Path.Combine(_temp.Path, "b.key");

        CliRunner.Run("cluster", "gen-psk", "--out", a);
        CliRunner.Run("cluster", "gen-psk", "--out", b);

        Assert.NotEqual(File.ReadAllText(a), File.ReadAllText(b));
    }
}
