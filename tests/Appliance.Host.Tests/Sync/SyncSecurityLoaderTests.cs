using Appliance.HaAgent.Configuration;
using Appliance.HaAgent.Sync.Security;
using Appliance.Host.Sync;
using Appliance.Host.Tests.Cli;
using Appliance.Tests.Common;

namespace Appliance.Host.Tests.Sync;

/// <summary>The sync keywords' files read into the transport's security, with errors that name keyword and file.</summary>
public sealed class SyncSecurityLoaderTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Load_CertificatesFromTheCli_MutualTlsForThatNode()
    {
        var (ca, cert, key) = Issue("lb1");

        var security = Assert.IsType<MutualTlsSecurity>(SyncSecurityLoader.Load(SyncSecurityConfig.MutualTls(ca, cert, key), "lb1"));

        Assert.True(security.NodeCertificate.HasPrivateKey);
        Assert.Contains("cluster CA", security.ClusterCa.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_CertificateOfAnotherNode_RefusedNamingBoth()
    {
        var (ca, cert, key) = Issue("lb2");

        var error = Assert.Throws<InvalidOperationException>(() => SyncSecurityLoader.Load(SyncSecurityConfig.MutualTls(ca, cert, key), "lb1"));

        Assert.Equal(
            $"'sync_cert' {cert} is issued to 'lb2' but this node is 'lb1' (node_name): its peers would refuse it; issue one with 'appliance cluster issue-cert lb1'",
            error.Message);
    }

    [Fact]
    public void Load_MissingCa_NamesKeywordAndFile()
    {
        var (_, cert, key) = Issue("lb1");
        var missing = Path.Combine(_temp.Path, "nope.pem");

        var error = Assert.Throws<InvalidOperationException>(() => SyncSecurityLoader.Load(SyncSecurityConfig.MutualTls(missing, cert, key), "lb1"));

        Assert.StartsWith($"'sync_ca' {missing}: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_PskFromTheCli_PreSharedKey()
    {
        var path = Path.Combine(_temp.Path, "sync.key");
        Assert.Equal(0, CliRunner.Run("cluster", "gen-psk", "--out", path).Exit);

        Assert.IsType<PreSharedKeySecurity>(SyncSecurityLoader.Load(SyncSecurityConfig.PreSharedKey(path), "lb1"));
    }

    [Theory]
    [InlineData("not base64 at all!", "a sync key file holds base64 text")]
    [InlineData("c2hvcnQ=", "a pre-shared key needs at least 16 bytes (got 5)")]
    public void Load_BadPskFile_NamesKeywordFileAndWhy(string content, string why)
    {
        var path = Path.Combine(_temp.Path, "sync.key");
        File.WriteAllText(path, content);

        var error = Assert.Throws<InvalidOperationException>(() => SyncSecurityLoader.Load(SyncSecurityConfig.PreSharedKey(path), "lb1"));

        Assert.StartsWith($"'sync_psk_file' {path}: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(why, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(content, error.Message.Replace($"'sync_psk_file' {path}: ", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    private (string Ca, string Cert, string Key) Issue(string node)
    {
        var caDir = Path.Combine(_temp.Path, "ca");
        if (!File.Exists(Path.Combine(caDir, "ca.pem")))
        {
            Assert.Equal(0, CliRunner.Run("cluster", "init-ca", "--out", caDir).Exit);
        }

        Assert.Equal(0, CliRunner.Run("cluster", "issue-cert", node, "--ca", caDir, "--out", _temp.Path).Exit);
        return (Path.Combine(caDir, "ca.pem"), Path.Combine(_temp.Path, node + ".pem"), Path.Combine(_temp.Path, node + ".key"));
    }
}
