using System.Net;
using Appliance.HaAgent.Sync.Grpc;
using Appliance.HaAgent.Sync.Security;

namespace Appliance.HaAgent.Sync.Server;

/// <summary>Where and how a <see cref="GrpcServerHost"/> listens.</summary>
public sealed class GrpcServerOptions
{
    /// <summary>The address and port to listen on (port 0: any free port, see <see cref="GrpcServerHost.EndPoint"/>).</summary>
    public required IPEndPoint EndPoint { get; init; }

    /// <summary>How callers authenticate: mutual TLS (https) or a pre-shared key (h2c).</summary>
    public required SyncSecurity Security { get; init; }

    /// <summary>Largest request message accepted; default 4 MiB (gRPC's default), larger ones end the call with RESOURCE_EXHAUSTED.</summary>
    public int MaxReceiveMessageSize { get; init; } = GrpcProtocol.DefaultMaxReceiveMessageSize;

    /// <summary>
    /// Idle time after which the server pings the client (HTTP/2 PING): default 30 s, so a peer that vanished
    /// (power loss, cable) is noticed on an idle sync stream within about <see cref="KeepAlivePingDelay"/> +
    /// <see cref="KeepAlivePingTimeout"/>, far sooner than TCP's retransmission timeout (~15 min on Linux).
    /// </summary>
    public TimeSpan KeepAlivePingDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a ping may go unanswered before the connection is closed; default 10 s.</summary>
    public TimeSpan KeepAlivePingTimeout { get; init; } = TimeSpan.FromSeconds(10);
}
