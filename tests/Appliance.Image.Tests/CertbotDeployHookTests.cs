using System.Diagnostics;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Appliance.Tests.Common;

namespace Appliance.Image.Tests;

/// <summary>
/// image/certbot-deploy-hook on temporary files and a real node: the combined PEM it writes is served after the
/// reload it triggers; a refused reload puts the previous PEM back; a missing file is an error.
/// </summary>
public sealed class CertbotDeployHookTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly TempDirectory _dir = new();
    private readonly TestCertificate _root = TestCertificates.CreateRoot();
    private readonly string _lineage;
    private readonly string _certs;
    private readonly string _socket;

    public CertbotDeployHookTests()
    {
        _lineage = Path.Combine(_dir.Path, "live", "example.test");
        _certs = Path.Combine(_dir.Path, "certs");
        _socket = Path.Combine(_dir.Path, "admin.sock");
        Directory.CreateDirectory(_lineage);
        Directory.CreateDirectory(_certs);
    }

    [Fact]
    public async Task Hook_Renewal_WritesChainThenKeyAndTheNodeServesTheNewCertificate()
    {
        var old = TestCertificates.CreateLeaf(_root, ["example.test"]);
        File.WriteAllText(Path.Combine(_certs, "example.test.pem"), old.ToPem());
        var port = TcpClientHelper.FreePort();
        using var node = StartNode(port);
        Assert.Equal(old.Certificate.Thumbprint, await ServedThumbprintAsync(port));

        var renewed = TestCertificates.CreateLeaf(_root, ["example.test"]);
        File.WriteAllText(Path.Combine(_lineage, "fullchain.pem"), renewed.CertificatePem + _root.CertificatePem);
        File.WriteAllText(Path.Combine(_lineage, "privkey.pem"), renewed.KeyPem().TrimEnd('\n'));   // no final newline
        var (code, output) = RunHook();

        Assert.True(code == 0, output);
        Assert.Contains($"wrote {_certs}/example.test.pem for example.test", output, StringComparison.Ordinal);
        var pem = File.ReadAllText(Path.Combine(_certs, "example.test.pem"));
        Assert.Equal(renewed.CertificatePem + _root.CertificatePem + renewed.KeyPem().TrimEnd('\n') + "\n", pem);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(Path.Combine(_certs, "example.test.pem")));
        Assert.Equal(renewed.Certificate.Thumbprint, await ServedThumbprintAsync(port));
        Assert.Equal(["example.test.pem"], Directory.GetFiles(_certs).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Hook_KeyDoesNotMatchCertificate_ReloadRefusedPreviousPemRestoredExitNonZero()
    {
        var old = TestCertificates.CreateLeaf(_root, ["example.test"]);
        File.WriteAllText(Path.Combine(_certs, "example.test.pem"), old.ToPem());
        var port = TcpClientHelper.FreePort();
        using var node = StartNode(port);
        await ServedThumbprintAsync(port);

        var renewed = TestCertificates.CreateLeaf(_root, ["example.test"]);
        var other = TestCertificates.CreateLeaf(_root, ["example.test"]);
        File.WriteAllText(Path.Combine(_lineage, "fullchain.pem"), renewed.CertificatePem);
        File.WriteAllText(Path.Combine(_lineage, "privkey.pem"), other.KeyPem());
        var (code, output) = RunHook();

        Assert.NotEqual(0, code);
        Assert.Contains("the node refused the reload; the previous", output, StringComparison.Ordinal);
        Assert.Equal(old.ToPem(), File.ReadAllText(Path.Combine(_certs, "example.test.pem")));
        Assert.Equal(old.Certificate.Thumbprint, await ServedThumbprintAsync(port));
        Assert.Equal(["example.test.pem"], Directory.GetFiles(_certs).Select(Path.GetFileName));
    }

    [Fact]
    public void Hook_PrivateKeyMissing_ErrorNamesTheFileAndNothingIsWritten()
    {
        File.WriteAllText(Path.Combine(_lineage, "fullchain.pem"), _root.CertificatePem);

        var (code, output) = RunHook();

        Assert.Equal(1, code);
        Assert.Contains($"{_lineage}/privkey.pem is missing or unreadable", output, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_certs));
    }

    [Fact]
    public void Hook_NoRunningNode_WritesThePemAndSaysItAppliesAtTheNextStart()
    {
        var renewed = TestCertificates.CreateLeaf(_root, ["example.test"]);
        File.WriteAllText(Path.Combine(_lineage, "fullchain.pem"), renewed.CertificatePem);
        File.WriteAllText(Path.Combine(_lineage, "privkey.pem"), renewed.KeyPem());

        var (code, output) = RunHook();

        Assert.True(code == 0, output);
        Assert.Contains("applies at its next start", output, StringComparison.Ordinal);
        Assert.Equal(renewed.CertificatePem + renewed.KeyPem(), File.ReadAllText(Path.Combine(_certs, "example.test.pem")));
    }

    public void Dispose() => _dir.Dispose();

    private (int Code, string Output) RunHook() => Shell.Run(Repository.PathOf("image/certbot-deploy-hook"), [], new Dictionary<string, string>
    {
        ["RENEWED_LINEAGE"] = _lineage,
        ["RENEWED_DOMAINS"] = "example.test",
        ["APPLIANCE_CERT_DIR"] = _certs,
        ["APPLIANCE_SOCKET"] = _socket,
        ["APPLIANCE_BIN"] = Repository.Appliance,
    });

    private NodeProcess StartNode(int port)
    {
        var config = _dir.Write("appliance.cfg", $"""
            defaults
                mode tcp
                timeout connect 2s
                timeout client 30s
                timeout server 30s
            frontend tls
                bind 127.0.0.1:{port} ssl crt {_certs}/
                default_backend none
            backend none
                server s1 127.0.0.1:9 disabled
            """ + "\n");
        return NodeProcess.Start(config, _socket, Path.Combine(_dir.Path, "state"));
    }

    private static async Task<string> ServedThumbprintAsync(int port)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (true)
        {
            try
            {
                using var tcp = new TcpClient();
                await tcp.ConnectAsync("127.0.0.1", port);
                await using var tls = new SslStream(tcp.GetStream(), false, (_, certificate, _, _) => certificate is not null);
                await tls.AuthenticateAsClientAsync("example.test");
                using var served = new X509Certificate2(tls.RemoteCertificate!);
                return served.Thumbprint;
            }
            catch (Exception ex) when (ex is SocketException or IOException && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }
}
