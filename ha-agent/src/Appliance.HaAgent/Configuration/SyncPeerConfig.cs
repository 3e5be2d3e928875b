using System.Net;

namespace Appliance.HaAgent.Configuration;

/// <summary>One <c>sync_peer NAME ADDR:PORT</c>: a node the state sync (gRPC) talks to.</summary>
/// <param name="Name">The peer's name, unique in the section.</param>
/// <param name="EndPoint">Its address and port (IPv4 <c>a.b.c.d:port</c> or IPv6 <c>[addr]:port</c>).</param>
public sealed record SyncPeerConfig(string Name, IPEndPoint EndPoint);
