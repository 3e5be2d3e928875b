namespace Appliance.Bench.Failover;

/// <summary>What runs on one lab node (lb1 or lb2): our appliance, or haproxy with keepalived.</summary>
internal interface IRouterNode : IDisposable
{
    string Name { get; }

    RoleWatcher Roles { get; }

    void Start(int priority);

    /// <summary>Sends <paramref name="signal"/> to every process of the node at once (kill -9 or SIGSTOP the whole node).</summary>
    void SignalAll(int signal);

    /// <summary>The node's last lines, for error messages.</summary>
    string Tail();
}
