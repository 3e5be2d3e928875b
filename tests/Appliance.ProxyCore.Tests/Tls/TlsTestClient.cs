using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace Appliance.ProxyCore.Tests.Tls;

/// <summary>
/// A TLS client on 127.0.0.1 that trusts only the test root and downloads nothing, so its chain builds only when the
/// server sent the intermediate. It records what the server presented.
/// </summary>
internal sealed class TlsTestClient : IAsyncDisposable
{
    private TlsTestClient(SslStream stream, X509Certificate2 serverCertificate, IReadOnlyList<string> chain, SslPolicyErrors errors)
    {
        Stream = stream;
        ServerCertificate = serverCertificate;
        ChainThumbprints = chain;
        PolicyErrors = errors;
    }

    public SslStream Stream { get; }

    public X509Certificate2 ServerCertificate { get; }

    /// <summary>The chain the client built, leaf first.</summary>
    public IReadOnlyList<string> ChainThumbprints { get; }

    public SslPolicyErrors PolicyErrors { get; }

    public static async Task<TlsTestClient> ConnectAsync(
        int port,
        string? serverName,
        SslProtocols protocols = SslProtocols.None,
        List<SslApplicationProtocol>? alpn = null,
        SslStreamCertificateContext? clientCertificate = null)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), timeout.Token);
        var stream = new SslStream(new NetworkStream(socket, ownsSocket: true));
        X509Certificate2? presented = null;
        List<string> chainThumbprints = [];
        var policyErrors = SslPolicyErrors.None;
        var policy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            RevocationMode = X509RevocationMode.NoCheck,
            DisableCertificateDownloads = true,
        };
        policy.CustomTrustStore.Add(TlsTestCertificates.Root.Certificate);
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = serverName ?? "",
            EnabledSslProtocols = protocols,
            ApplicationProtocols = alpn,
            CertificateChainPolicy = policy,
            ClientCertificateContext = clientCertificate,
            RemoteCertificateValidationCallback = (_, certificate, chain, errors) =>
            {
                presented = X509CertificateLoader.LoadCertificate(certificate!.GetRawCertData());
                chainThumbprints = [.. chain!.ChainElements.Select(e => e.Certificate.Thumbprint)];

                // Name mismatches are the selector's business, tested through what was presented.
                policyErrors = errors & ~SslPolicyErrors.RemoteCertificateNameMismatch;
                return true;
            },
        };
        try
        {
            await stream.AuthenticateAsClientAsync(options, timeout.Token);
        }
        catch
        {
            await stream.DisposeAsync();
            throw;
        }

        return new TlsTestClient(stream, presented!, chainThumbprints, policyErrors);
    }

    /// <summary>Sends a line and reads the echo; proves the connection still carries data.</summary>
    public async Task<string> EchoAsync(string text)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var bytes = System.Text.Encoding.ASCII.GetBytes(text);
        await Stream.WriteAsync(bytes, timeout.Token);
        var buffer = new byte[bytes.Length];
        await Stream.ReadExactlyAsync(buffer, timeout.Token);
        return System.Text.Encoding.ASCII.GetString(buffer);
    }

    public ValueTask DisposeAsync() => Stream.DisposeAsync();
}
