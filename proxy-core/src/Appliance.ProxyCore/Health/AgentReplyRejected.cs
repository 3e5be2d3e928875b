using Appliance.ProxyCore.Model;

namespace Appliance.ProxyCore.Health;

/// <summary>
/// The agent answered something unusable (an unknown word, an unterminated or over-long line, a stall). Raised once per
/// distinct message in a row, so a broken agent does not flood the log every interval.
/// </summary>
/// <param name="Backend">The backend's name.</param>
/// <param name="Server">The server.</param>
/// <param name="Timestamp">When, on the injected clock.</param>
/// <param name="Message">What was wrong.</param>
public sealed record AgentReplyRejected(
    string Backend,
    ServerModel Server,
    DateTimeOffset Timestamp,
    string Message) : HealthEvent(Backend, Server, Timestamp)
{
    public override string ToString() => $"Server {Backend}/{Server.Name} agent: {Message}";
}
