using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using Appliance.HaAgent.Sync.Client;
using Appliance.HaAgent.Sync.Grpc;
using Appliance.HaAgent.Sync.Probe;
using Appliance.HaAgent.Sync.Protos;
using Appliance.HaAgent.Sync.Security;
using Appliance.Tests.Common;
using Microsoft.Extensions.Logging;

namespace Appliance.HaAgent.Tests.Sync.Server;

/// <summary>Peers that are not of the cluster get UNAUTHENTICATED (grpc-status 16), logged without secrets.</summary>
public class GrpcAuthenticationTests
{
    [Fact]
    public async Task MutualTls_NoClientCertificate_UnauthenticatedAndLogged()
    {
        await using var server = await ProbeServer.StartAsync(SyncTransport.MutualTls);
        using var client = RawTlsClient(clientCertificate: null);
        var (status, message) = await RawEchoAsync(client, $"https://127.0.0.1:{server.EndPoint.Port}");
        Assert.Equal("16", status);
        Assert.Equal("unauthenticated: no client certificate", message);
        await server.Logs.WaitForAsync(e => e.Level == LogLevel.Warning
            && e.Message.Contains("/appliance.sync.v1.Probe/Echo: refused, unauthenticated: no client certificate", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MutualTls_CertificateFromAnotherClusterCa_Unauthenticated()
    {
        await using var server = await ProbeServer.StartAsync(SyncTransport.MutualTls);
        using var channel = server.CreateChannel(security: new MutualTlsSecurity(TestPki.PublicOnly(TestPki.ClusterCa), TestPki.Stranger));
        var error = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(ProbeMethods.Echo, new EchoRequest { Text = "x" }));
        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.StartsWith("unauthenticated: certificate 'CN=node-b' (issuer 'CN=other cluster CA, O=appliance') is not valid for the cluster CA", error.Detail, StringComparison.Ordinal);
        await server.Logs.WaitForAsync(e => e.Level == LogLevel.Warning && e.Message.Contains("refused, unauthenticated: certificate 'CN=node-b'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MutualTls_ServerCertificateNamesAnotherNode_ClientRefusesWithUnavailable()
    {
        await using var server = await ProbeServer.StartAsync(SyncTransport.MutualTls);
        using var channel = server.CreateChannel(serverName: "node-c");
        var error = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(ProbeMethods.Echo, new EchoRequest()));
        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        await server.Logs.WaitForAsync(e => e.Category == "Appliance.HaAgent.Sync.Client"
            && e.Message.Contains("server certificate refused: certificate 'CN=node-a' does not name 'node-c'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MutualTls_ServerFromAnotherCluster_ClientRefusesWithUnavailable()
    {
        var otherServer = new MutualTlsSecurity(TestPki.PublicOnly(TestPki.OtherClusterCa), TestPki.Stranger);
        await using var server = await ProbeServer.StartAsync(otherServer);
        using var channel = server.CreateChannel(serverName: "node-b", security: TestPki.ClientSecurity);
        var error = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(ProbeMethods.Echo, new EchoRequest()));
        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        await server.Logs.WaitForAsync(e => e.Message.Contains("server certificate refused: certificate 'CN=node-b' (issuer 'CN=other cluster CA", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MutualTls_ServerNameByAddress_IsAccepted()
    {
        await using var server = await ProbeServer.StartAsync(SyncTransport.MutualTls);
        using var channel = server.CreateChannel(serverName: null);
        Assert.Equal("node-b", (await channel.UnaryAsync(ProbeMethods.Echo, new EchoRequest())).Peer);
    }

    [Fact]
    public async Task Psk_WrongKey_UnauthenticatedAndNoSecretLogged()
    {
        await using var server = await ProbeServer.StartAsync(SyncTransport.H2cPsk);
        var wrongKey = Enumerable.Repeat((byte)7, 32).ToArray();
        using var channel = server.CreateChannel(security: new PreSharedKeySecurity(wrongKey));
        var error = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(ProbeMethods.Echo, new EchoRequest()));
        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Equal("unauthenticated: bad HMAC (another cluster's key, or a credential made for another method)", error.Detail);
        await server.Logs.WaitForAsync(e => e.Level == LogLevel.Warning && e.Message.Contains("refused, unauthenticated: bad HMAC", StringComparison.Ordinal));
        Assert.DoesNotContain(Convert.ToBase64String(ProbeServer.Key), server.Logs.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(wrongKey), server.Logs.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain("mac=", server.Logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Psk_ReplayedCredential_SecondCallUnauthenticated()
    {
        await using var server = await ProbeServer.StartAsync(SyncTransport.H2cPsk);
        using var client = RawH2cClient();
        var authorization = PskAuthorization.Create(ProbeServer.Key, ProbeMethods.Echo.FullName, DateTimeOffset.UtcNow);
        var first = await RawEchoAsync(client, $"http://127.0.0.1:{server.EndPoint.Port}", authorization);
        Assert.Equal("0", first.Status);
        var second = await RawEchoAsync(client, $"http://127.0.0.1:{server.EndPoint.Port}", authorization);
        Assert.Equal("16", second.Status);
        Assert.Equal("unauthenticated: replayed credential (nonce already used)", second.Message);
    }

    [Fact]
    public async Task Psk_CredentialForAnotherMethod_Unauthenticated()
    {
        await using var server = await ProbeServer.StartAsync(SyncTransport.H2cPsk);
        using var client = RawH2cClient();
        var authorization = PskAuthorization.Create(ProbeServer.Key, ProbeMethods.Count.FullName, DateTimeOffset.UtcNow);
        var (status, message) = await RawEchoAsync(client, $"http://127.0.0.1:{server.EndPoint.Port}", authorization);
        Assert.Equal("16", status);
        Assert.StartsWith("unauthenticated: bad HMAC", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Psk_NoAuthorization_Unauthenticated()
    {
        await using var server = await ProbeServer.StartAsync(SyncTransport.H2cPsk);
        using var client = RawH2cClient();
        var (status, message) = await RawEchoAsync(client, $"http://127.0.0.1:{server.EndPoint.Port}");
        Assert.Equal("16", status);
        Assert.Equal("unauthenticated: no authorization header", message);
    }

    [Fact]
    public async Task Psk_ClientClockFiveMinutesBehind_Unauthenticated()
    {
        await using var server = await ProbeServer.StartAsync(SyncTransport.H2cPsk);
        using var channel = server.CreateChannel(new FakeTimeProvider(DateTimeOffset.UtcNow.AddMinutes(-5)));
        var error = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(ProbeMethods.Echo, new EchoRequest()));
        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Matches(@"^unauthenticated: timestamp \d+ is -(29\d|30\d) s from this node's clock \(window ±30 s\)$", error.Detail);
    }

    [Fact]
    public async Task Psk_TlsClientAgainstH2cServer_Unavailable()
    {
        await using var server = await ProbeServer.StartAsync(SyncTransport.H2cPsk);
        using var channel = server.CreateChannel(security: TestPki.ClientSecurity);
        var error = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(ProbeMethods.Echo, new EchoRequest()));
        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
    }

    internal static HttpMessageInvoker RawH2cClient() => new(new SocketsHttpHandler { UseProxy = false });

    internal static HttpMessageInvoker RawTlsClient(X509Certificate2? clientCertificate)
    {
        var handler = new SocketsHttpHandler { UseProxy = false };
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
            certificate is not null && ClusterCertificateValidator.Validate(
                X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()), TestPki.ClusterCa, DateTimeOffset.UtcNow, ClusterCertificateValidator.ServerAuthentication, "127.0.0.1") is null;
        if (clientCertificate is not null)
        {
            handler.SslOptions.ClientCertificates = [clientCertificate];
        }

        return new HttpMessageInvoker(handler);
    }

    /// <summary>An Echo call made by hand (no GrpcChannel): the grpc-status and decoded grpc-message from headers or trailers.</summary>
    internal static async Task<(string? Status, string? Message)> RawEchoAsync(HttpMessageInvoker client, string baseAddress, string? authorization = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, baseAddress + ProbeMethods.Echo.FullName)
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(GrpcFrame.Encode(new EchoRequest { Text = "raw" })),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        request.Headers.TE.ParseAdd("trailers");
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("authorization", authorization);
        }

        using var response = await client.SendAsync(request, CancellationToken.None);
        await response.Content.ReadAsByteArrayAsync();
        var status = GrpcStatus.Read(name => response.Headers.TryGetValues(name, out var v) ? v.First() : null)
            ?? GrpcStatus.Read(name => response.TrailingHeaders.TryGetValues(name, out var v) ? v.First() : null);
        return (status?.StatusValue, status?.Detail);
    }
}
