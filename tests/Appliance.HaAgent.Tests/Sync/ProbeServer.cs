using System.Net;
using Appliance.HaAgent.Sync.Client;
using Appliance.HaAgent.Sync.Probe;
using Appliance.HaAgent.Sync.Security;
using Appliance.HaAgent.Sync.Server;

namespace Appliance.HaAgent.Tests.Sync;

/// <summary>A <see cref="GrpcServerHost"/> serving the probe service on 127.0.0.1 (a free port), with its log kept.</summary>
internal sealed class ProbeServer : IAsyncDisposable
{
    /// <summary>The PSK both sides of the h2c tests share.</summary>
    public static readonly byte[] Key = Convert.FromBase64String("q4Z0m2lT2cWlq1aM1bGm6rVxH2kQmJ8vS7xYb0d3u9E=");

    private ProbeServer(GrpcServerHost host, ProbeService probe, LogSink logs, SyncSecurity security)
    {
        Host = host;
        Probe = probe;
        Logs = logs;
        Security = security;
    }

    public GrpcServerHost Host { get; }

    public ProbeService Probe { get; }

    public LogSink Logs { get; }

    public SyncSecurity Security { get; }

    public IPEndPoint EndPoint => Host.EndPoint;

    public static Task<ProbeServer> StartAsync(SyncTransport transport, TimeProvider? time = null, int? maxReceiveMessageSize = null) =>
        StartAsync(transport == SyncTransport.MutualTls ? TestPki.ServerSecurity : new PreSharedKeySecurity(Key), time, maxReceiveMessageSize);

    public static async Task<ProbeServer> StartAsync(SyncSecurity security, TimeProvider? time = null, int? maxReceiveMessageSize = null)
    {
        var logs = new LogSink();
        var probe = new ProbeService(time);
        var options = new GrpcServerOptions
        {
            EndPoint = new IPEndPoint(IPAddress.Loopback, 0),
            Security = security,
            MaxReceiveMessageSize = maxReceiveMessageSize ?? Appliance.HaAgent.Sync.Grpc.GrpcProtocol.DefaultMaxReceiveMessageSize,
        };
        var host = new GrpcServerHost(options, probe.Register(new GrpcServiceRegistry()), logs, time);
        await host.StartAsync();
        return new ProbeServer(host, probe, logs, security);
    }

    /// <summary>A channel to this server with the matching client security (node-b under mutual TLS).</summary>
    public GrpcChannel CreateChannel(TimeProvider? time = null, int? maxReceiveMessageSize = null, string? serverName = "node-a", SyncSecurity? security = null) =>
        new(
            new GrpcChannelOptions
            {
                EndPoint = EndPoint,
                Security = security ?? (Security is MutualTlsSecurity ? TestPki.ClientSecurity : new PreSharedKeySecurity(Key)),
                ServerName = serverName,
                MaxReceiveMessageSize = maxReceiveMessageSize ?? Appliance.HaAgent.Sync.Grpc.GrpcProtocol.DefaultMaxReceiveMessageSize,
            },
            Logs,
            time);

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync(new CancellationTokenSource(TimeSpan.FromSeconds(5)).Token);
        await Host.DisposeAsync();
    }
}
