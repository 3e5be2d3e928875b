using System.Net;

namespace Appliance.HaAgent.Discovery;

/// <summary>One received datagram: its length in the caller's buffer and its sender.</summary>
public readonly record struct MdnsDatagram(int Length, IPEndPoint Source);
