using Appliance.ProxyCore.Model;

namespace Appliance.ProxyCore.Health;

/// <summary>An agent reply changed the server's agent admin state, weight or connection limit.</summary>
/// <param name="Backend">The backend's name.</param>
/// <param name="Server">The server.</param>
/// <param name="Timestamp">When, on the injected clock.</param>
/// <param name="Reply">The reply that caused it.</param>
/// <param name="Changes">What changed, e.g. <c>admin READY -&gt; DRAIN, weight 100% -&gt; 50%</c>.</param>
public sealed record AgentStateChanged(
    string Backend,
    ServerModel Server,
    DateTimeOffset Timestamp,
    AgentReply Reply,
    string Changes) : HealthEvent(Backend, Server, Timestamp)
{
    public override string ToString() => $"Server {Backend}/{Server.Name} agent: {Changes}";
}
