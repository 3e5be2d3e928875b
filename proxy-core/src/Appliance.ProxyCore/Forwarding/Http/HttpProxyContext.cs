using Appliance.ProxyCore.Model;
using Microsoft.Extensions.Logging;

namespace Appliance.ProxyCore.Forwarding.Http;

/// <summary>What every HTTP connection of an engine shares.</summary>
internal sealed record HttpProxyContext(
    ServerConnector Connector,
    IdleConnectionPool Pool,
    HttpErrorResponses Errors,
    IReadOnlyDictionary<string, BackendModel> Backends,
    TimeProvider Time,
    ILogger Logger,
    Stats.StatsService Stats,
    Logging.IAccessLog AccessLog);
