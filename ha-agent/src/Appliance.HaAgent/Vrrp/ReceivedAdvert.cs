using Appliance.HaAgent.Net;

namespace Appliance.HaAgent.Vrrp;

/// <summary>
/// The fields of a valid advertisement that the state machine acts on. The driver builds one after the packet passed
/// every check of RFC 5798 §7.1 (codec, authentication, VRID).
/// </summary>
/// <param name="Source">The sender's primary address (the IP source address, RFC 5798 §5.1.1.1).</param>
/// <param name="Priority">The sender's priority, 0 meaning it is shutting down (RFC 5798 §5.2.4).</param>
/// <param name="MaxAdverIntervalCs">The sender's advertisement interval in centiseconds (RFC 5798 §5.2.7).</param>
public readonly record struct ReceivedAdvert(Ipv4Address Source, byte Priority, int MaxAdverIntervalCs);
