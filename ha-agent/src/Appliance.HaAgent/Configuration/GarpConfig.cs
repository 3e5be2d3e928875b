namespace Appliance.HaAgent.Configuration;

/// <summary>Gratuitous ARP timing on becoming master (keepalived's <c>garp_*</c> keywords).</summary>
/// <param name="MasterDelay"><c>garp_master_delay</c>: when the second burst follows the first; zero sends none. Default 5 s (keepalived).</param>
/// <param name="MasterRepeat"><c>garp_master_repeat</c>: GARPs per address in a burst, 1..100. Default 5 (keepalived).</param>
/// <param name="Interval">
/// <c>garp_interval</c>: spacing between the GARPs of a burst, 0..1 s. Default 10 ms: keepalived sends back to back,
/// and some switches drop a tight burst, so we space them.
/// </param>
/// <param name="MasterRefresh"><c>garp_master_refresh</c>: a master repeats a burst this often; zero (default) is off.</param>
public sealed record GarpConfig(TimeSpan MasterDelay, int MasterRepeat, TimeSpan Interval, TimeSpan MasterRefresh)
{
    /// <summary>The defaults: second burst after 5 s, 5 GARPs spaced 10 ms, no refresh.</summary>
    public static GarpConfig Default { get; } = new(TimeSpan.FromSeconds(5), 5, TimeSpan.FromMilliseconds(10), TimeSpan.Zero);
}
