using System.Net;
using Appliance.HaAgent.Sync.Grpc;
using Appliance.HaAgent.Sync.Security;

namespace Appliance.HaAgent.Sync.Client;

/// <summary>Which peer a <see cref="GrpcChannel"/> talks to, and how.</summary>
public sealed class GrpcChannelOptions
{
    /// <summary>The peer's sync address and port.</summary>
    public required IPEndPoint EndPoint { get; init; }

    /// <summary>How this node authenticates (and, under mutual TLS, authenticates the server); the same kind as the server's.</summary>
    public required SyncSecurity Security { get; init; }

    /// <summary>
    /// Under mutual TLS, the name the server's certificate must carry in its SAN: the peer's node name
    /// (<c>sync_peer NAME ...</c>); default null, which checks the address of <see cref="EndPoint"/> instead.
    /// </summary>
    public string? ServerName { get; init; }

    /// <summary>Largest response message accepted; default 4 MiB (gRPC's default), larger ones end the call with RESOURCE_EXHAUSTED.</summary>
    public int MaxReceiveMessageSize { get; init; } = GrpcProtocol.DefaultMaxReceiveMessageSize;

    /// <summary>Idle time after which the client pings the server (HTTP/2 PING); default 30 s (see <see cref="Server.GrpcServerOptions.KeepAlivePingDelay"/>).</summary>
    public TimeSpan KeepAlivePingDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a ping may go unanswered before the connection is dropped; default 10 s.</summary>
    public TimeSpan KeepAlivePingTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a TCP (and TLS) connect may take before calls fail with UNAVAILABLE; default 5 s (peers are on one LAN).</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);
}
