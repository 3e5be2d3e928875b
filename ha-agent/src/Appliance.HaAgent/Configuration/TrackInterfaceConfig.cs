namespace Appliance.HaAgent.Configuration;

/// <summary>One <c>track_interface IF [weight N]</c>.</summary>
/// <param name="Interface">The interface whose link is watched.</param>
/// <param name="Weight">Subtracted from the priority while the link is down, 1..254. Default 254 (fall to priority 1).</param>
public sealed record TrackInterfaceConfig(string Interface, int Weight);
