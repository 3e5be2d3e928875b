namespace Appliance.ProxyCore.Health;

/// <summary>
/// The operational-state word of an agent reply. HAProxy treats <see cref="Down"/>, <see cref="Fail"/> and
/// <see cref="Stopped"/> alike (the server goes DOWN); the word only tells an operator whether the outage was expected.
/// </summary>
public enum AgentHealthReport
{
    Up = 0,
    Down = 1,
    Fail = 2,
    Stopped = 3,
}
