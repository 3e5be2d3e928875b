using Appliance.ProxyCore.Configuration;
using Appliance.ProxyCore.Tests.Configuration;
using Appliance.ProxyCore.Tls;
using Appliance.Tests.Common;

namespace Appliance.ProxyCore.Tests.Tls;

/// <summary>Loads configuration text whose certificates live in an in-memory file system.</summary>
internal sealed class TlsConfigTestHelper
{
    public InMemoryCertificateFileSystem Files { get; } = new InMemoryCertificateFileSystem()
        .Add("/certs/site.pem", TlsTestCertificates.A.ToPem())
        .Add("/certs/b.pem", TlsTestCertificates.B.ToPem())
        .Add("/certs/ca.pem", TlsTestCertificates.Root.CertificatePem);

    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    public ConfigLoadResult Load(string text) =>
        ConfigLoader.LoadText(text, "t.cfg", ConfigTestHelper.Registry, _ => null, new CertificateLoader(Files, Time));

    public List<string> Diagnostics(string text) => [.. Load(text).Diagnostics.Select(d => d.ToString())];

    /// <summary>A TCP frontend whose third line is <c>bind :443 OPTIONS</c>, after <paramref name="global"/> lines.</summary>
    public static string Frontend(string options, string global = "", string mode = "tcp") =>
        (global.Length == 0 ? "" : $"global\n{global}")
        + $"frontend f\n    mode {mode}\n    bind :443 {options}\n    timeout client 1s\n";

    public BindTlsConfig? Tls(string options, string global = "", string mode = "tcp")
    {
        var result = Load(Frontend(options, global, mode));
        Assert.Empty(result.Diagnostics);
        return result.Config!.Proxies[0].Binds[0].Tls;
    }
}
