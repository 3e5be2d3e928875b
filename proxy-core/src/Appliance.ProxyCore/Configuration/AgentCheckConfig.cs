using System.Net;

namespace Appliance.ProxyCore.Configuration;

/// <summary>
/// HAProxy's <c>agent-check</c>: a TCP connection to <see cref="Port"/> on <see cref="Address"/> (default: the server's
/// address) every <see cref="Interval"/> (default 2 s), sending <see cref="Send"/> if set, reading one ASCII line.
/// </summary>
public sealed record AgentCheckConfig(IPAddress? Address, string? Host, int Port, TimeSpan Interval, string? Send);
