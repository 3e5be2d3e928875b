namespace Appliance.ProxyCore.Configuration;

/// <summary>A <c>peer NAME ADDR:PORT</c> (or <c>server NAME [ADDR:PORT]</c>) line of a <c>peers</c> section.</summary>
/// <param name="Name">The node's name.</param>
/// <param name="Host">The address as written (an IP literal); null for a <c>server</c> line without address (the local node).</param>
/// <param name="Port">The port; 0 without address.</param>
/// <param name="Location">The line.</param>
public sealed record PeerConfig(string Name, string? Host, int Port, SourceLocation Location);
