using Appliance.ProxyCore.Configuration;

namespace Appliance.ProxyCore.Model;

/// <summary>
/// What the health checks last saw of a server, for the stats page: the last check and agent reports, the rise/fall
/// counter and the failed-check count. Written by the server's health monitor, read by anyone; references are swapped
/// whole and counters are atomics, so readers never see half a report.
/// </summary>
public sealed class ServerCheckState
{
    private CheckReport? _lastCheck;
    private CheckReport? _lastAgent;
    private long _failedChecks;
    private int _health;
    private int _agentSaysDown;

    public ServerCheckState(ServerConfig config)
    {
        HasCheck = config.Check;
        HasAgent = config.Agent is not null;
        Rise = config.Rise;
        Fall = config.Fall;

        // HAProxy starts a checked server at "up, down at the first failure" (the counter at rise).
        _health = config.Rise;
    }

    /// <summary>The server has a regular <c>check</c>.</summary>
    public bool HasCheck { get; }

    /// <summary>The server has an <c>agent-check</c>.</summary>
    public bool HasAgent { get; }

    public int Rise { get; }

    public int Fall { get; }

    /// <summary>HAProxy's rise/fall counter, 0..rise+fall-1 (<c>check_health</c>); starts at rise.</summary>
    public int Health => Volatile.Read(ref _health);

    /// <summary>The last regular check; null before the first.</summary>
    public CheckReport? LastCheck => Volatile.Read(ref _lastCheck);

    /// <summary>The last agent exchange; null before the first.</summary>
    public CheckReport? LastAgent => Volatile.Read(ref _lastAgent);

    /// <summary><c>chkfail</c>: regular checks that failed.</summary>
    public long FailedChecks => Interlocked.Read(ref _failedChecks);

    /// <summary>True after the agent said down, fail or stopped, until it says up (HAProxy's "DOWN (agent)").</summary>
    public bool AgentSaysDown => Volatile.Read(ref _agentSaysDown) != 0;

    /// <summary>Records a regular check and the rise/fall counter after it.</summary>
    public void RecordCheck(CheckReport report, bool passed, int health)
    {
        Volatile.Write(ref _lastCheck, report);
        Volatile.Write(ref _health, health);
        if (!passed)
        {
            Interlocked.Increment(ref _failedChecks);
        }
    }

    /// <summary>Sets the rise/fall counter without a check (leaving maintenance restarts it).</summary>
    public void ResetHealth(int health) => Volatile.Write(ref _health, health);

    /// <summary>Records an agent exchange.</summary>
    public void RecordAgent(CheckReport report) => Volatile.Write(ref _lastAgent, report);

    /// <summary>Records whether the agent's last health word was down, fail or stopped.</summary>
    public void SetAgentSaysDown(bool down) => Volatile.Write(ref _agentSaysDown, down ? 1 : 0);
}
