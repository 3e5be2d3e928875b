using Appliance.ProxyCore.Model;

namespace Appliance.ProxyCore.Health;

/// <summary>A server went UP or DOWN.</summary>
/// <param name="Backend">The backend's name.</param>
/// <param name="Server">The server.</param>
/// <param name="Timestamp">When, on the injected clock.</param>
/// <param name="From">The state before.</param>
/// <param name="To">The state after.</param>
/// <param name="Cause">What caused it.</param>
/// <param name="Reason">HAProxy's wording, e.g. <c>Layer4 connection problem, info: "Connection refused"</c>.</param>
public sealed record ServerHealthChanged(
    string Backend,
    ServerModel Server,
    DateTimeOffset Timestamp,
    ServerHealth From,
    ServerHealth To,
    HealthChangeCause Cause,
    string Reason) : HealthEvent(Backend, Server, Timestamp)
{
    /// <summary>HAProxy's log line: <c>Server b/s1 is DOWN, reason: ...</c>.</summary>
    public override string ToString() =>
        $"Server {Backend}/{Server.Name} is {(To == ServerHealth.Up ? "UP" : "DOWN")}, reason: {Reason}";
}
