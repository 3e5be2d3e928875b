using Appliance.Contracts;
using Appliance.HaAgent.Net;
using Appliance.HaAgent.Vrrp;

namespace Appliance.HaAgent.Configuration;

/// <summary>The validated <c>ha</c> section; immutable. See docs/ha.md for every keyword.</summary>
/// <param name="Interface"><c>interface</c>: where adverts are sent and VIPs added. Required.</param>
/// <param name="VirtualRouterId"><c>virtual_router_id</c>: VRID 1..255 (RFC 5798 §5.2.3). Required.</param>
/// <param name="Priority"><c>priority</c>: 1..255, 255 = address owner (RFC 5798 §5.2.4). Default 100.</param>
/// <param name="AdvertInterval"><c>advert_int</c>: 10 ms..40.95 s in 10 ms steps (RFC 5798 §5.2.7). Default 1 s.</param>
/// <param name="Preempt">False with <c>nopreempt</c>. Default true (RFC 5798 §6.1 Preempt_Mode).</param>
/// <param name="PreemptDelay"><c>preempt_delay</c>: 0..1000 s. Default 0.</param>
/// <param name="VirtualAddresses"><c>virtual_ipaddress</c> lines, in order. At least one.</param>
/// <param name="UnicastSource"><c>unicast_src_ip</c>; null = the interface's primary address.</param>
/// <param name="UnicastPeers"><c>unicast_peer</c> lines; empty = multicast to 224.0.0.18.</param>
/// <param name="SyncPeers"><c>sync_peer</c> lines.</param>
/// <param name="AuthKeyFile"><c>auth_key_file</c>; null = adverts are not authenticated.</param>
/// <param name="Garp">The <c>garp_*</c> keywords.</param>
/// <param name="TrackInterfaces"><c>track_interface</c> lines.</param>
/// <param name="TrackScripts"><c>track_script</c> lines.</param>
/// <param name="TrackProxy"><c>track_proxy</c>; null = the proxy's health does not affect the priority.</param>
/// <param name="Notify"><c>notify</c>: a program run on every role change; null = none.</param>
/// <param name="NotifyTimeout"><c>notify_timeout</c>: the notify program is killed after this. Default 30 s.</param>
/// <param name="InitialStateHint"><c>state</c>: keepalived's hint, kept for display; the election ignores it.</param>
/// <param name="Discovery"><c>discovery mdns</c> with <c>cluster_id</c> and <c>node_name</c>; null (the default) = no discovery.</param>
/// <param name="Sync">This node's side of state sync (<c>sync_listen</c>, <c>node_name</c>, <c>sync_ca</c>...); null (the default) = no sync (no <c>sync_peer</c>, and no <c>discovery mdns</c> with an authentication mode).</param>
public sealed record HaConfig(
    string Interface,
    byte VirtualRouterId,
    byte Priority,
    TimeSpan AdvertInterval,
    bool Preempt,
    TimeSpan PreemptDelay,
    IReadOnlyList<VirtualAddressConfig> VirtualAddresses,
    Ipv4Address? UnicastSource,
    IReadOnlyList<Ipv4Address> UnicastPeers,
    IReadOnlyList<SyncPeerConfig> SyncPeers,
    string? AuthKeyFile,
    GarpConfig Garp,
    IReadOnlyList<TrackInterfaceConfig> TrackInterfaces,
    IReadOnlyList<TrackScriptConfig> TrackScripts,
    TrackProxyConfig? TrackProxy,
    string? Notify,
    TimeSpan NotifyTimeout,
    HaRole? InitialStateHint,
    DiscoveryConfig? Discovery = null,
    SyncConfig? Sync = null)
{
    /// <summary>Default <c>priority</c> (RFC 5798 §5.2.4).</summary>
    public const byte DefaultPriority = VrrpConstants.DefaultPriority;

    /// <summary>Default <c>advert_int</c>: 1 s (RFC 5798 §5.2.7).</summary>
    public static TimeSpan DefaultAdvertInterval { get; } = TimeSpan.FromSeconds(1);

    /// <summary>Default <c>notify_timeout</c>: 30 s, long enough for a script that restarts a service.</summary>
    public static TimeSpan DefaultNotifyTimeout { get; } = TimeSpan.FromSeconds(30);

    /// <summary>Default weight of every tracker: 254, so one failure drops the node to priority 1.</summary>
    public const int DefaultTrackWeight = 254;

    /// <summary><see cref="AdvertInterval"/> in centiseconds, as the advert carries it.</summary>
    public int AdvertIntervalCs => (int)(AdvertInterval.Ticks / (TimeSpan.TicksPerMillisecond * 10));

    /// <summary>True when adverts go to <see cref="UnicastPeers"/> rather than 224.0.0.18.</summary>
    public bool IsUnicast => UnicastPeers.Count > 0;

    /// <summary>The virtual addresses with their device resolved (a line without <c>dev</c> uses <see cref="Interface"/>).</summary>
    public IReadOnlyList<InterfaceAddress> ResolvedVirtualAddresses =>
        [.. VirtualAddresses.Select(v => new InterfaceAddress(v.Device ?? Interface, v.Address, v.PrefixLength))];

    /// <summary>The state machine's options, given the primary address the driver found on <see cref="Interface"/>.</summary>
    public VrrpInstanceOptions ToInstanceOptions(Ipv4Address interfacePrimaryAddress) =>
        new(VirtualRouterId, UnicastSource ?? interfacePrimaryAddress, Priority, AdvertIntervalCs, Preempt, PreemptDelay);
}
