namespace Appliance.ProxyCore.Model;

/// <summary>
/// The mutable, shared state of one server: health, admin state, agent-set weight, connection counters. Fields are
/// read and written with atomics only, so the data path never takes a lock to read them. Also holds the server's
/// traffic counters and state clock for the stats page.
/// </summary>
public sealed class ServerState
{
    private int _configuredWeight;
    private int _configuredMaxConn;
    private readonly TrafficCounters? _backendTraffic;
    private int _health = (int)ServerHealth.Up;
    private int _checkAdmin = (int)ServerAdminState.Ready;
    private int _agentAdmin = (int)ServerAdminState.Ready;
    private int _operatorAdmin = (int)ServerAdminState.Ready;
    private int _agentWeightPercent = 100;
    private int _agentMaxConn = -1;
    private int _activeConnections;
    private long _failedConnections;

    /// <param name="configuredWeight">The <c>weight</c> from the configuration.</param>
    /// <param name="configuredMaxConn">The <c>maxconn</c> from the configuration; 0 = unlimited.</param>
    /// <param name="startsUp">The initial health.</param>
    /// <param name="time">The clock of the counters and the state clock; default <see cref="TimeProvider.System"/>.</param>
    /// <param name="backendTraffic">The backend's counters, which count this server's sessions too; default none.</param>
    public ServerState(int configuredWeight, int configuredMaxConn, bool startsUp, TimeProvider? time = null, TrafficCounters? backendTraffic = null)
    {
        ConfiguredWeight = configuredWeight;
        ConfiguredMaxConn = configuredMaxConn;
        _health = startsUp ? (int)ServerHealth.Up : (int)ServerHealth.Down;
        time ??= TimeProvider.System;
        _backendTraffic = backendTraffic;
        Traffic = new TrafficCounters(time);
        Clock = new StateClock(time, startsDown: !startsUp);
    }

    /// <summary>The server's traffic counters (sessions move with <see cref="TryAcquireSlot"/> and <see cref="ReleaseSlot"/>).</summary>
    public TrafficCounters Traffic { get; }

    /// <summary>When the server last changed state and how long it was unavailable (down or in maintenance).</summary>
    public StateClock Clock { get; }

    /// <summary>Called after any change of health, admin state or agent weight (the backend recomputes its own state).</summary>
    internal Action? StateChanged { get; set; }

    /// <summary>Also called after any change (set by <see cref="Health.ServerHealthReplica"/>, which shares states between nodes).</summary>
    internal Action? ReplicaChanged { get; set; }

    /// <summary>The status last shared with peers (a <c>ServerStatus</c>), so only flips are reported; -1 before any.</summary>
    internal int SharedStatus = -1;

    /// <summary>The <c>weight</c> from the configuration (0..256); a reload may change it.</summary>
    public int ConfiguredWeight
    {
        get => Volatile.Read(ref _configuredWeight);
        private set => Volatile.Write(ref _configuredWeight, value);
    }

    /// <summary>The <c>maxconn</c> from the configuration; 0 = unlimited; a reload may change it.</summary>
    public int ConfiguredMaxConn
    {
        get => Volatile.Read(ref _configuredMaxConn);
        private set => Volatile.Write(ref _configuredMaxConn, value);
    }

    /// <summary>
    /// Applies a reloaded configuration's weight and maxconn to this state, which a reload keeps for a server of the
    /// same backend and name so that its health, admin state and counters survive.
    /// </summary>
    public void Reconfigure(int configuredWeight, int configuredMaxConn)
    {
        ConfiguredWeight = configuredWeight;
        ConfiguredMaxConn = configuredMaxConn;
    }

    public ServerHealth Health => (ServerHealth)Volatile.Read(ref _health);

    /// <summary>The strongest of the operator's and the agent's admin states (Maint over Drain over Ready).</summary>
    public ServerAdminState Admin =>
        (ServerAdminState)Math.Max(Math.Max(Volatile.Read(ref _operatorAdmin), Volatile.Read(ref _agentAdmin)), Volatile.Read(ref _checkAdmin));

    public ServerAdminState OperatorAdmin => (ServerAdminState)Volatile.Read(ref _operatorAdmin);

    public ServerAdminState AgentAdmin => (ServerAdminState)Volatile.Read(ref _agentAdmin);

    /// <summary>
    /// The percentage of <see cref="ConfiguredWeight"/> an agent asked for (HAProxy: <c>75%</c>); default 100, at most
    /// <see cref="MaxAgentWeightPercent"/>.
    /// </summary>
    public int AgentWeightPercent => Volatile.Read(ref _agentWeightPercent);

    /// <summary>
    /// HAProxy accepts agent percentages above 100 and clamps them at 25600 so any weight can reach the 256 maximum
    /// (src/server.c, server_parse_weight_change_request).
    /// </summary>
    public const int MaxAgentWeightPercent = 25600;

    /// <summary>The weight ceiling, HAProxy's SRV_UWGHT_MAX.</summary>
    public const int MaxWeight = 256;

    /// <summary>The agent's <c>maxconn:N</c>, or -1 when no agent set one.</summary>
    public int AgentMaxConn => Volatile.Read(ref _agentMaxConn);

    /// <summary>The weight balancers use: 0 while draining, else configured weight scaled by the agent's percentage, at most 256.</summary>
    public int EffectiveWeight => Admin != ServerAdminState.Ready ? 0 : ScaledWeight;

    /// <summary>The configured weight scaled by the agent's percentage, at most 256, whatever the admin state (HAProxy's stats <c>weight</c>).</summary>
    public int ScaledWeight
    {
        get
        {
            // long: 256 x 25600 fits an int, but a configured weight above 256 (rejected by the validator) must not overflow.
            var weight = (int)Math.Min((long)ConfiguredWeight * AgentWeightPercent / 100, MaxWeight);
            return weight == 0 && ConfiguredWeight > 0 && AgentWeightPercent > 0 ? 1 : weight;
        }
    }

    /// <summary>The connection limit in force: an agent's <c>maxconn:N</c> overrides the configured one.</summary>
    public int MaxConn
    {
        get
        {
            var agent = Volatile.Read(ref _agentMaxConn);
            return agent >= 0 ? agent : ConfiguredMaxConn;
        }
    }

    public int ActiveConnections => Volatile.Read(ref _activeConnections);

    /// <summary>Slots taken since start (<c>stot</c>).</summary>
    public long TotalConnections => Traffic.TotalSessions;

    public long FailedConnections => Interlocked.Read(ref _failedConnections);

    /// <summary>Up, not in maintenance: may serve existing and persistent sessions.</summary>
    public bool IsAvailable => Health == ServerHealth.Up && Admin != ServerAdminState.Maint;

    /// <summary>Available and with a positive effective weight: may take new, non-persistent connections.</summary>
    public bool IsUsable => IsAvailable && EffectiveWeight > 0;

    /// <summary>
    /// Connections that persistence sends to this server while it is at its <see cref="MaxConn"/> wait here (HAProxy's
    /// server queue, bounded by <c>maxqueue</c>). It lives with the state, so it survives a reload.
    /// </summary>
    public ServerQueue Queue { get; } = new();

    /// <summary>
    /// True when <see cref="MaxConn"/> is set and reached, or clients wait in the server's own <see cref="Queue"/>: a
    /// new client is not balanced onto a slot that persistent ones are waiting for, as in HAProxy.
    /// </summary>
    public bool IsFull
    {
        get
        {
            var max = MaxConn;
            return max > 0 && (ActiveConnections >= max || Queue.Count > 0);
        }
    }

    /// <summary>Sets the health; returns true when it changed. <paramref name="timestamp"/> is kept for callers; the clock reads its own time.</summary>
    public bool SetHealth(ServerHealth health, long timestamp)
    {
        _ = timestamp;
        var changed = Interlocked.Exchange(ref _health, (int)health) != (int)health;
        if (changed)
        {
            OnChanged();
        }

        return changed;
    }

    public void SetOperatorAdmin(ServerAdminState state)
    {
        if (Interlocked.Exchange(ref _operatorAdmin, (int)state) != (int)state)
        {
            OnChanged();
        }
    }

    public void SetAgentAdmin(ServerAdminState state)
    {
        if (Interlocked.Exchange(ref _agentAdmin, (int)state) != (int)state)
        {
            OnChanged();
        }
    }

    /// <summary>Sets the agent's percentage, clamped to 0..<see cref="MaxAgentWeightPercent"/>.</summary>
    public void SetAgentWeightPercent(int percent)
    {
        var clamped = Math.Clamp(percent, 0, MaxAgentWeightPercent);
        if (Interlocked.Exchange(ref _agentWeightPercent, clamped) != clamped)
        {
            OnChanged();
        }
    }

    /// <summary>Sets the agent's connection limit; a negative value restores the configured one.</summary>
    public void SetAgentMaxConn(int maxConn) => Volatile.Write(ref _agentMaxConn, maxConn);

    /// <summary>Reserves a connection slot if the server is below its limit.</summary>
    public bool TryAcquireSlot()
    {
        while (true)
        {
            var current = Volatile.Read(ref _activeConnections);
            var max = MaxConn;
            if (max > 0 && current >= max)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _activeConnections, current + 1, current) == current)
            {
                Traffic.SessionOpened();
                _backendTraffic?.SessionOpened();
                return true;
            }
        }
    }

    public void ReleaseSlot()
    {
        Interlocked.Decrement(ref _activeConnections);
        Traffic.SessionClosed();
        _backendTraffic?.SessionClosed();
    }

    public void RecordConnectFailure() => Interlocked.Increment(ref _failedConnections);

    private void OnChanged()
    {
        if (!IsAvailable)
        {
            // Queued clients look again: with 'option redispatch' they go to another server (HAProxy's redistribution).
            Queue.SignalAll();
        }

        Clock.SetDown(!IsAvailable);
        Clock.Changed();
        StateChanged?.Invoke();
        ReplicaChanged?.Invoke();
    }
}
