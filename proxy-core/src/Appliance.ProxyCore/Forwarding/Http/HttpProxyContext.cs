using Microsoft.Extensions.Logging;

namespace Appliance.ProxyCore.Forwarding.Http;

/// <summary>What every HTTP connection of an engine shares.</summary>
internal sealed record HttpProxyContext(
    ServerConnector Connector, IdleConnectionPool Pool, HttpErrorResponses Errors, TimeProvider Time, ILogger Logger);
