using System.Net;
using System.Net.Http.Headers;
using Appliance.HaAgent.Sync.Grpc;
using Appliance.HaAgent.Sync.Probe;
using Appliance.HaAgent.Sync.Protos;
using Appliance.HaAgent.Sync.Security;

namespace Appliance.HaAgent.Tests.Sync.Server;

/// <summary>The server's responses checked on the wire with a plain HTTP/2 client, against PROTOCOL-HTTP2.md.</summary>
public class GrpcProtocolConformanceTests
{
    [Fact]
    public async Task Response_Success_HeadersThenMessageThenStatusInTrailers()
    {
        await using var server = await ProbeServer.StartAsync(SyncTransport.H2cPsk);
        using var client = GrpcAuthenticationTests.RawH2cClient();
        using var response = await SendAsync(client, server, ProbeMethods.Echo.FullName, GrpcFrame.Encode(new EchoRequest { Text = "hi" }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new Version(2, 0), response.Version);
        Assert.Equal("application/grpc", response.Content.Headers.ContentType?.MediaType);
        Assert.False(response.Headers.Contains("grpc-status"));
        var body = await response.Content.ReadAsByteArrayAsync();

        // EchoReply { text: "hi", peer: "psk", address: ... }: prefix 00 + length, then field 1 = 0A 02 'h' 'i'.
        Assert.Equal(0, body[0]);
        Assert.Equal(body.Length - 5, (body[1] << 24) | (body[2] << 16) | (body[3] << 8) | body[4]);
        Assert.Equal(new byte[] { 0x0A, 0x02, 0x68, 0x69 }, body[5..9]);
        Assert.Equal("0", response.TrailingHeaders.GetValues("grpc-status").Single());
    }

    [Fact]
    public async Task Response_UnknownMethod_TrailersOnlyUnimplemented()
    {
        await using var server = await ProbeServer.StartAsync(SyncTransport.H2cPsk);
        using var client = GrpcAuthenticationTests.RawH2cClient();
        using var response = await SendAsync(client, server, "/appliance.sync.v1.Probe/Nope", GrpcFrame.Encode(new EchoRequest()));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/grpc", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("12", response.Headers.GetValues("grpc-status").Single());
        Assert.Equal("Method /appliance.sync.v1.Probe/Nope is unimplemented.", GrpcStatusMessage.Decode(response.Headers.GetValues("grpc-message").Single()));
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Empty(response.TrailingHeaders);
    }

    [Fact]
    public async Task Request_NotGrpcContentType_Http415()
    {
        await using var server = await ProbeServer.StartAsync(SyncTransport.H2cPsk);
        using var client = GrpcAuthenticationTests.RawH2cClient();
        using var response = await SendAsync(client, server, ProbeMethods.Echo.FullName, GrpcFrame.Encode(new EchoRequest()), contentType: "application/json");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("13", response.Headers.GetValues("grpc-status").Single());
    }

    [Fact]
    public async Task Request_Get_Http405()
    {
        await using var server = await ProbeServer.StartAsync(SyncTransport.H2cPsk);
        using var client = GrpcAuthenticationTests.RawH2cClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{server.EndPoint.Port}{ProbeMethods.Echo.FullName}")
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        using var response = await client.SendAsync(request, CancellationToken.None);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Fact]
    public async Task Request_CompressedFlagWithoutEncoding_Internal()
    {
        await using var server = await ProbeServer.StartAsync(SyncTransport.H2cPsk);
        using var client = GrpcAuthenticationTests.RawH2cClient();
        var framed = GrpcFrame.Encode(new EchoRequest { Text = "hi" });
        framed[0] = 1;
        using var response = await SendAsync(client, server, ProbeMethods.Echo.FullName, framed);
        await response.Content.ReadAsByteArrayAsync();
        Assert.Equal("13", Status(response));
    }

    [Fact]
    public async Task Request_GzipEncoding_UnimplementedWithAcceptEncodingIdentity()
    {
        await using var server = await ProbeServer.StartAsync(SyncTransport.H2cPsk);
        using var client = GrpcAuthenticationTests.RawH2cClient();
        using var response = await SendAsync(client, server, ProbeMethods.Echo.FullName, GrpcFrame.Encode(new EchoRequest()), headers: [("grpc-encoding", "gzip")]);
        Assert.Equal("12", Status(response));
        Assert.Equal("identity", response.Headers.GetValues("grpc-accept-encoding").Single());
    }

    [Fact]
    public async Task Request_MalformedTimeout_Internal()
    {
        await using var server = await ProbeServer.StartAsync(SyncTransport.H2cPsk);
        using var client = GrpcAuthenticationTests.RawH2cClient();
        using var response = await SendAsync(client, server, ProbeMethods.Echo.FullName, GrpcFrame.Encode(new EchoRequest()), headers: [("grpc-timeout", "5 seconds")]);
        Assert.Equal("13", Status(response));
        Assert.Equal("malformed grpc-timeout '5 seconds'", GrpcStatusMessage.Decode(response.Headers.GetValues("grpc-message").Single()));
    }

    [Fact]
    public async Task Request_TwoMessagesForUnary_Internal()
    {
        await using var server = await ProbeServer.StartAsync(SyncTransport.H2cPsk);
        using var client = GrpcAuthenticationTests.RawH2cClient();
        var two = GrpcFrame.Encode(new EchoRequest { Text = "a" }).Concat(GrpcFrame.Encode(new EchoRequest { Text = "b" })).ToArray();
        using var response = await SendAsync(client, server, ProbeMethods.Echo.FullName, two);
        await response.Content.ReadAsByteArrayAsync();
        Assert.Equal("13", Status(response));
    }

    [Fact]
    public async Task Request_TruncatedMessage_Internal()
    {
        await using var server = await ProbeServer.StartAsync(SyncTransport.H2cPsk);
        using var client = GrpcAuthenticationTests.RawH2cClient();
        using var response = await SendAsync(client, server, ProbeMethods.Echo.FullName, GrpcFrame.Encode(new EchoRequest { Text = "hello" })[..8]);
        await response.Content.ReadAsByteArrayAsync();
        Assert.Equal("13", Status(response));
    }

    private static string? Status(HttpResponseMessage response) =>
        response.Headers.TryGetValues("grpc-status", out var values) ? values.Single()
        : response.TrailingHeaders.TryGetValues("grpc-status", out var trailers) ? trailers.Single() : null;

    private static async Task<HttpResponseMessage> SendAsync(
        HttpMessageInvoker client, ProbeServer server, string path, byte[] body, string contentType = "application/grpc", (string Name, string Value)[]? headers = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{server.EndPoint.Port}{path}")
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.TE.ParseAdd("trailers");
        request.Headers.TryAddWithoutValidation(PskAuthorization.HeaderName, PskAuthorization.Create(ProbeServer.Key, path, DateTimeOffset.UtcNow));
        foreach (var (name, value) in headers ?? [])
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await client.SendAsync(request, CancellationToken.None);
    }
}
