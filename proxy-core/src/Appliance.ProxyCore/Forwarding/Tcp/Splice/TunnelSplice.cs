namespace Appliance.ProxyCore.Forwarding.Tcp.Splice;

/// <summary>What a tunnel needs to splice: the policy per direction, the pipe pool and how many pipes may be open.</summary>
/// <param name="Policy">Which directions splice (<see cref="SplicePolicy.From"/>).</param>
/// <param name="Pipes">The process's pipes; null = copy both ways.</param>
/// <param name="MaxPipes">Pipes open at most, process-wide (HAProxy's <c>maxpipes</c>, by default global maxconn / 4).</param>
public readonly record struct TunnelSplice(SplicePolicy Policy, SplicePipePool? Pipes, int MaxPipes)
{
    /// <summary>Copy both ways.</summary>
    public static TunnelSplice Off => default;

    /// <summary>The mode of one direction (Off when there is no pool).</summary>
    public SpliceMode ModeOf(bool fromClient) =>
        Pipes is null ? SpliceMode.Off : fromClient ? Policy.Request : Policy.Response;
}
