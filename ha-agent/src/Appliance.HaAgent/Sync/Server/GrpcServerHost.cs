using System.Net;
using System.Security.Authentication;
using Appliance.HaAgent.Sync.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Appliance.HaAgent.Sync.Server;

/// <summary>
/// A gRPC server on Kestrel: one HTTP/2-only endpoint (h2c with prior knowledge under a pre-shared key, TLS with ALPN
/// h2 and client certificates under mutual TLS) serving the methods of a <see cref="GrpcServiceRegistry"/>.
/// </summary>
public sealed class GrpcServerHost : IAsyncDisposable
{
    private readonly GrpcServerOptions _options;
    private readonly ILogger _logger;
    private readonly WebApplication _app;
    private IPEndPoint? _boundEndPoint;

    /// <summary>Prepares the server; <see cref="StartAsync"/> binds it.</summary>
    /// <param name="options">Endpoint, security and limits.</param>
    /// <param name="services">The methods served.</param>
    /// <param name="loggerFactory">Logs (this server's and Kestrel's); default none.</param>
    /// <param name="time">The clock for deadlines and PSK timestamps; default <see cref="TimeProvider.System"/>.</param>
    public GrpcServerHost(GrpcServerOptions options, GrpcServiceRegistry services, ILoggerFactory? loggerFactory = null, TimeProvider? time = null)
    {
        _options = options;
        loggerFactory ??= NullLoggerFactory.Instance;
        time ??= TimeProvider.System;
        _logger = loggerFactory.CreateLogger("Appliance.HaAgent.Sync.Server");
        ICallAuthenticator authenticator = options.Security switch
        {
            MutualTlsSecurity tls => new MutualTlsCallAuthenticator(tls, time),
            PreSharedKeySecurity psk => new PskCallAuthenticator(new PskVerifier(psk, time)),
            _ => throw new ArgumentException($"unsupported security {options.Security.GetType().Name}", nameof(options)),
        };
        var handler = new GrpcRequestHandler(services, authenticator, options.MaxReceiveMessageSize, time, _logger);

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddLogging();
        builder.Services.AddSingleton(loggerFactory);
        builder.WebHost.UseKestrelCore();
        if (options.Security is MutualTlsSecurity)
        {
            builder.WebHost.UseKestrelHttpsConfiguration();
        }

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.Http2.KeepAlivePingDelay = options.KeepAlivePingDelay;
            kestrel.Limits.Http2.KeepAlivePingTimeout = options.KeepAlivePingTimeout;

            // A sync stream lives as long as the connection and may carry any amount in total, or nothing for minutes:
            // the per-request body size cap (30 MB) and minimum data rates (240 B/s) of a web server do not fit
            // (Grpc.AspNetCore turns them off per request for the same reason). Message size stays bounded.
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.Limits.MinRequestBodyDataRate = null;
            kestrel.Limits.MinResponseDataRate = null;
            kestrel.Listen(options.EndPoint, listen =>
            {
                listen.Protocols = HttpProtocols.Http2;
                if (options.Security is MutualTlsSecurity tls)
                {
                    listen.UseHttps(new HttpsConnectionAdapterOptions
                    {
                        ServerCertificate = tls.NodeCertificate,
                        SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,

                        // Ask every client for its certificate but let the handshake finish without one, or with a
                        // stranger's: MutualTlsCallAuthenticator then refuses each call with UNAUTHENTICATED.
                        ClientCertificateMode = ClientCertificateMode.AllowCertificate,
                        ClientCertificateValidation = (_, _, _) => true,
                        CheckCertificateRevocation = false,
                    });
                }
            });
        });
        _app = builder.Build();
        _app.Run(handler.HandleAsync);
    }

    /// <summary>The bound endpoint (the real port when <see cref="GrpcServerOptions.EndPoint"/> asked for port 0).</summary>
    /// <exception cref="InvalidOperationException">Before <see cref="StartAsync"/>.</exception>
    public IPEndPoint EndPoint => _boundEndPoint ?? throw new InvalidOperationException("the gRPC server has not started");

    /// <summary>Binds the endpoint and starts serving.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await _app.StartAsync(cancellationToken);
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("Kestrel reported no bound address");
        _boundEndPoint = new IPEndPoint(_options.EndPoint.Address, new Uri(address).Port);
        GrpcServerLog.Listening(_logger, _boundEndPoint.ToString(), _options.Security is MutualTlsSecurity ? "mutual TLS" : "pre-shared key over h2c");
    }

    /// <summary>Stops accepting calls and waits (up to <paramref name="cancellationToken"/>) for running ones.</summary>
    public Task StopAsync(CancellationToken cancellationToken = default) => _app.StopAsync(cancellationToken);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
