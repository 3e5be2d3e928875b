using Appliance.HaAgent.Net;

namespace Appliance.HaAgent.Vrrp;

/// <summary>The fields of an advertisement to send (RFC 5798 §5.2); build once per priority and reuse.</summary>
/// <param name="VirtualRouterId">VRID, 1..255 (RFC 5798 §5.2.3).</param>
/// <param name="Priority">Priority, 0 on shutdown (RFC 5798 §5.2.4).</param>
/// <param name="MaxAdverIntervalCs">Advertisement_Interval in centiseconds, 1..4095 (RFC 5798 §5.2.7).</param>
/// <param name="Addresses">The virtual addresses, 1..255 of them (RFC 5798 §5.2.5, §5.2.9).</param>
public sealed record VrrpAdvertisement(
    byte VirtualRouterId, byte Priority, int MaxAdverIntervalCs, IReadOnlyList<Ipv4Address> Addresses);
