using Appliance.ProxyCore.Model;

namespace Appliance.ProxyCore.Health;

/// <summary>A configured check cannot run (e.g. no port to check) and was left out, as HAProxy does with a warning.</summary>
/// <param name="Backend">The backend's name.</param>
/// <param name="Server">The server.</param>
/// <param name="Timestamp">When, on the injected clock.</param>
/// <param name="Message">Which check and why, with the configuration location.</param>
public sealed record HealthCheckDisabled(
    string Backend,
    ServerModel Server,
    DateTimeOffset Timestamp,
    string Message) : HealthEvent(Backend, Server, Timestamp)
{
    public override string ToString() => Message;
}
