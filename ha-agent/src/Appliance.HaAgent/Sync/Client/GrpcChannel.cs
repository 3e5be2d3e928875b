using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Appliance.HaAgent.Sync.Grpc;
using Appliance.HaAgent.Sync.Security;
using Google.Protobuf;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Appliance.HaAgent.Sync.Client;

/// <summary>
/// The client side to one peer: a single HTTP/2 connection (SocketsHttpHandler, opened on the first call, reopened
/// after a failure) over which calls are multiplexed as streams. h2c with prior knowledge under a pre-shared key; TLS
/// with ALPN h2, this node's certificate, and the server checked against the cluster CA and its name under mutual TLS.
/// </summary>
public sealed class GrpcChannel : IDisposable
{
    private readonly GrpcChannelOptions _options;
    private readonly PreSharedKeySecurity? _psk;
    private readonly ILogger _logger;

    /// <summary>Prepares a channel; nothing connects until the first call.</summary>
    /// <param name="options">The peer and the security.</param>
    /// <param name="loggerFactory">Logs (refused server certificates); default none.</param>
    /// <param name="time">The clock for deadlines, PSK timestamps and certificate validity; default <see cref="TimeProvider.System"/>.</param>
    public GrpcChannel(GrpcChannelOptions options, ILoggerFactory? loggerFactory = null, TimeProvider? time = null)
    {
        _options = options;
        Time = time ?? TimeProvider.System;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("Appliance.HaAgent.Sync.Client");
        var handler = new SocketsHttpHandler
        {
            // One connection per peer: every call is a stream on it (and the server sees one connection per node).
            EnableMultipleHttp2Connections = false,
            KeepAlivePingDelay = options.KeepAlivePingDelay,
            KeepAlivePingTimeout = options.KeepAlivePingTimeout,
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.Always,
            ConnectTimeout = options.ConnectTimeout,
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
        };
        switch (options.Security)
        {
            case MutualTlsSecurity tls:
                var expectedName = options.ServerName ?? options.EndPoint.Address.ToString();
                handler.SslOptions = new SslClientAuthenticationOptions
                {
                    EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                    CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
                    ClientCertificates = [tls.NodeCertificate],
                    LocalCertificateSelectionCallback = (_, _, _, _, _) => tls.NodeCertificate,
                    RemoteCertificateValidationCallback = (_, certificate, _, _) => ValidateServer(tls, certificate, expectedName),
                };
                BaseAddress = new Uri($"https://{FormatHost(options.EndPoint)}/");
                break;
            case PreSharedKeySecurity psk:
                _psk = psk;
                BaseAddress = new Uri($"http://{FormatHost(options.EndPoint)}/");
                break;
            default:
                throw new ArgumentException($"unsupported security {options.Security.GetType().Name}", nameof(options));
        }

        Invoker = new HttpMessageInvoker(handler, disposeHandler: true);
    }

    /// <summary>The peer's base address (<c>http://</c> for h2c, <c>https://</c> for TLS).</summary>
    public Uri BaseAddress { get; }

    internal HttpMessageInvoker Invoker { get; }

    internal TimeProvider Time { get; }

    internal int MaxReceiveMessageSize => _options.MaxReceiveMessageSize;

    /// <summary>Makes a unary call.</summary>
    /// <exception cref="RpcException">When the call ends with a status other than OK.</exception>
    public async Task<TResponse> UnaryAsync<TRequest, TResponse>(GrpcMethod<TRequest, TResponse> method, TRequest request, CallOptions options = default)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
    {
        CheckType(method, MethodType.Unary);
        var call = new GrpcClientCall<TRequest, TResponse>(this, method, options);
        await using (call)
        {
            call.Start(request);
            return await call.ReadSingleResponseAsync();
        }
    }

    /// <summary>Starts a server-streaming call; read its responses with <see cref="ServerStreamingCall{TResponse}.ReadAllAsync"/>.</summary>
    public ServerStreamingCall<TResponse> ServerStreaming<TRequest, TResponse>(GrpcMethod<TRequest, TResponse> method, TRequest request, CallOptions options = default)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
    {
        CheckType(method, MethodType.ServerStreaming);
        var call = new GrpcClientCall<TRequest, TResponse>(this, method, options);
        call.Start(request);
        return new ServerStreamingCall<TResponse>(call.ReadResponsesAsync, call.DisposeAsync);
    }

    /// <summary>Starts a client-streaming call: write the requests, complete, then await the response.</summary>
    public ClientStreamingCall<TRequest, TResponse> ClientStreaming<TRequest, TResponse>(GrpcMethod<TRequest, TResponse> method, CallOptions options = default)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
    {
        CheckType(method, MethodType.ClientStreaming);
        var call = new GrpcClientCall<TRequest, TResponse>(this, method, options);
        call.StartStreaming();
        return new ClientStreamingCall<TRequest, TResponse>(call);
    }

    /// <summary>Starts a bidirectional-streaming call: write requests and read responses independently.</summary>
    public DuplexStreamingCall<TRequest, TResponse> DuplexStreaming<TRequest, TResponse>(GrpcMethod<TRequest, TResponse> method, CallOptions options = default)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
    {
        CheckType(method, MethodType.DuplexStreaming);
        var call = new GrpcClientCall<TRequest, TResponse>(this, method, options);
        call.StartStreaming();
        return new DuplexStreamingCall<TRequest, TResponse>(call);
    }

    /// <summary>Closes the connection; calls still running fail.</summary>
    public void Dispose() => Invoker.Dispose();

    /// <summary>The PSK <c>authorization</c> value for a call to <paramref name="method"/>, or null under mutual TLS.</summary>
    internal string? CreateAuthorization(string method) =>
        _psk is null ? null : PskAuthorization.Create(_psk.Key, method, Time.GetUtcNow());

    private bool ValidateServer(MutualTlsSecurity tls, X509Certificate? certificate, string expectedName)
    {
        if (certificate is null)
        {
            GrpcClientLog.ServerRefused(_logger, BaseAddress.ToString(), "no server certificate");
            return false;
        }

        var leaf = certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        var failure = ClusterCertificateValidator.Validate(
            leaf, tls.ClusterCa, Time.GetUtcNow(), ClusterCertificateValidator.ServerAuthentication, expectedName);
        if (failure is not null)
        {
            GrpcClientLog.ServerRefused(_logger, BaseAddress.ToString(), failure);
        }

        return failure is null;
    }

    private static void CheckType<TRequest, TResponse>(GrpcMethod<TRequest, TResponse> method, MethodType expected)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse>
    {
        if (method.Type != expected)
        {
            throw new ArgumentException($"method {method.FullName} is {method.Type}, not {expected}", nameof(method));
        }
    }

    private static string FormatHost(IPEndPoint endPoint) => endPoint.ToString();
}
