using Appliance.ProxyCore.Configuration;
using Appliance.ProxyCore.Tls;
using Appliance.Tests.Common;

namespace Appliance.ProxyCore.Tests.Tls;

/// <summary>OpenSSL's own client against the provider: the certificate chosen by SNI, the chain sent, ALPN.</summary>
public sealed class OpenSslInteropTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [OpenSslFact]
    public async Task SClient_ServerNameA_VerifiesAgainstRootWithChainFromServer()
    {
        var root = _directory.Write("root.pem", TlsTestCertificates.Root.CertificatePem);
        await using var server = Start(["h2", "http/1.1"]);

        var output = await OpenSslClient.ConnectAsync(server.Port, "-servername", "a.test", "-CAfile", root, "-alpn", "http/1.1,h2");

        Assert.Contains("Verify return code: 0 (ok)", output, StringComparison.Ordinal);
        Assert.Contains(" 0 s:CN = a.test", output, StringComparison.Ordinal);
        Assert.Contains(" 1 s:CN = Test Intermediate CA", output, StringComparison.Ordinal);
        Assert.Contains("ALPN protocol: h2", output, StringComparison.Ordinal);
    }

    [OpenSslFact]
    public async Task SClient_ServerNameB_GetsB()
    {
        await using var server = Start();

        var output = await OpenSslClient.ConnectAsync(server.Port, "-servername", "b.test");

        Assert.Contains(" 0 s:CN = b.test", output, StringComparison.Ordinal);
    }

    [OpenSslFact]
    public async Task SClient_Tls12Only_Negotiates()
    {
        await using var server = Start();

        var output = await OpenSslClient.ConnectAsync(server.Port, "-servername", "a.test", "-tls1_2");

        Assert.Contains("Protocol  : TLSv1.2", output, StringComparison.Ordinal);
    }

    // Resumption is the visible side of .NET's cached OpenSSL context: SslStream on Linux reuses one SSL_CTX per
    // certificate, protocol set and ALPN-or-not only when the options allow resumption and carry no CipherSuitesPolicy;
    // otherwise it builds a new SSL_CTX for every handshake (a third of the CPU of a full handshake, bench/notes/tlsfull.md),
    // whose tickets no later handshake can use. So a default bind must resume, whichever certificate SNI picked.
    [OpenSslTheory]
    [InlineData("a.test", null)]
    [InlineData("b.test", "h2")]
    public async Task SClient_Tls13SecondConnectionOffersTheFirstTicket_Resumed(string serverName, string? alpn)
    {
        await using var server = Start(alpn is null ? null : [alpn, "http/1.1"]);
        var session = Path.Combine(_directory.Path, "session.pem");
        string[] arguments = ["-servername", serverName, "-tls1_3", .. alpn is null ? Array.Empty<string>() : ["-alpn", alpn]];

        var first = await OpenSslClient.ConnectUntilTicketAsync(server.Port, session, arguments);
        var second = await OpenSslClient.ConnectAsync(server.Port, ["-sess_in", session, .. arguments]);

        Assert.Contains(OpenSslClient.TicketMarker, first, StringComparison.Ordinal);
        Assert.DoesNotContain(OpenSslClient.ResumedMarker, first, StringComparison.Ordinal);
        Assert.Contains(OpenSslClient.ResumedMarker, second, StringComparison.Ordinal);
        Assert.Contains($" 0 s:CN = {serverName}", first, StringComparison.Ordinal);
    }

    [OpenSslFact]
    public async Task SClient_Tls12SecondConnectionOffersTheFirstSession_Resumed()
    {
        await using var server = Start();
        var session = Path.Combine(_directory.Path, "session.pem");

        var first = await OpenSslClient.ConnectAsync(server.Port, "-servername", "a.test", "-tls1_2", "-sess_out", session);
        var second = await OpenSslClient.ConnectAsync(server.Port, "-servername", "a.test", "-tls1_2", "-sess_in", session);

        Assert.Contains("New, TLSv1.2", first, StringComparison.Ordinal);
        Assert.Contains("Reused, TLSv1.2", second, StringComparison.Ordinal);
    }

    [OpenSslFact]
    public async Task SClient_NoTlsTickets_NoResumableSessionHandedOut()
    {
        await using var server = Start(noTlsTickets: true);
        var session = Path.Combine(_directory.Path, "session.pem");

        var first = await OpenSslClient.ConnectAsync(server.Port, "-servername", "a.test", "-tls1_2", "-sess_out", session);

        // No session id and no ticket: s_client gets nothing it could offer again, so it writes no session file.
        Assert.Contains("New, TLSv1.2", first, StringComparison.Ordinal);
        Assert.False(File.Exists(session), "the server handed out a resumable session");
    }

    private TlsEchoServer Start(IReadOnlyList<string>? alpn = null, bool noTlsTickets = false)
    {
        var a = _directory.Write("certs/a.pem", TlsTestCertificates.A.ToPem(TestKeyFormat.Traditional, PemPart.Key, PemPart.Leaf, PemPart.Intermediates));
        var b = _directory.Write("certs/b.pem", TlsTestCertificates.B.ToPem());
        var config = new BindTlsConfig { Certificates = [a, b], Alpn = alpn ?? [], NoTlsTickets = noTlsTickets };
        return new TlsEchoServer(TlsServerOptionsProvider.Create(config));
    }
}
