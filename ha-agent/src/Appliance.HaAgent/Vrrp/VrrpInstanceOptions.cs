using Appliance.HaAgent.Net;

namespace Appliance.HaAgent.Vrrp;

/// <summary>What the state machine needs to know about its virtual router; everything else stays in the driver.</summary>
/// <param name="VirtualRouterId">VRID 1..255 (RFC 5798 §5.2.3); carried for events, the machine never sees other VRIDs.</param>
/// <param name="PrimaryAddress">This router's primary address, compared with a peer's on a priority tie (RFC 5798 §6.4.3).</param>
/// <param name="Priority">Configured priority 1..255; 255 makes this router the address owner (RFC 5798 §5.2.4). Default 100.</param>
/// <param name="AdvertisementIntervalCs">Advertisement_Interval in centiseconds, 1..4095 (RFC 5798 §5.2.7). Default 100 (1 s).</param>
/// <param name="Preempt">Preempt_Mode (RFC 5798 §6.1): a higher-priority backup takes over from a lower-priority master. Default on.</param>
/// <param name="PreemptDelay">
/// keepalived's <c>preempt_delay</c>: how long a higher-priority backup keeps accepting a lower-priority master after
/// first seeing it, before it starts ignoring it and so takes over when Master_Down_Timer fires. Default zero.
/// </param>
public sealed record VrrpInstanceOptions(
    byte VirtualRouterId,
    Ipv4Address PrimaryAddress,
    byte Priority = VrrpConstants.DefaultPriority,
    int AdvertisementIntervalCs = VrrpConstants.DefaultAdvertisementIntervalCs,
    bool Preempt = true,
    TimeSpan PreemptDelay = default);
