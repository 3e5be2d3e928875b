namespace Appliance.Host.Switchover;

/// <summary>One <c>appliance failover</c>.</summary>
/// <param name="ToNode"><c>--to NODE</c>: the node that must become master; null = whichever backup wins the election.</param>
/// <param name="Timeout"><c>--timeout</c>: the bound on the drain, the takeover request and the wait for a new master. Default 30 s.</param>
/// <param name="Hold"><c>--hold</c>: how long this node stays backup without preempting; null = until <c>--release</c>.</param>
internal sealed record SwitchoverRequest(string? ToNode, TimeSpan Timeout, TimeSpan? Hold)
{
    /// <summary>30 s: long enough to drain a busy stick-table stream, short enough for an operator at a prompt.</summary>
    public static TimeSpan DefaultTimeout { get; } = TimeSpan.FromSeconds(30);
}
