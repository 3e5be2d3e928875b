namespace Appliance.HaAgent.Configuration;

/// <summary>One <c>track_script NAME "COMMAND" [interval TIME] [weight N] [rise N] [fall N]</c>.</summary>
/// <param name="Name">Unique name, used in events.</param>
/// <param name="Command">The command line, run without a shell; exit status 0 means healthy.</param>
/// <param name="Interval">Time between runs. Default 1 s (keepalived's <c>vrrp_script</c> default).</param>
/// <param name="Weight">Subtracted from the priority while failed, 1..254. Default 254 (fall to priority 1).</param>
/// <param name="Rise">Consecutive successes to become healthy, 1..100. Default 1 (keepalived).</param>
/// <param name="Fall">Consecutive failures to become failed, 1..100. Default 1 (keepalived).</param>
public sealed record TrackScriptConfig(string Name, string Command, TimeSpan Interval, int Weight, int Rise, int Fall);
