namespace Appliance.Host.Store;

/// <summary>One row of the <c>configs</c> table: a configuration file's full text as it was applied.</summary>
/// <param name="Version">1 for the first configuration of a store, then one more per applied configuration whose text changed.</param>
/// <param name="Sha256">The SHA-256 of the UTF-8 text, lower-case hex.</param>
/// <param name="AppliedUtc">When this node applied it (the injected clock, UTC).</param>
/// <param name="Origin">One of <see cref="ConfigOrigin"/>'s values.</param>
/// <param name="Node">The name of the node that applied it (<see cref="NodeIdentity.Name"/>).</param>
/// <param name="Text">The file's full text.</param>
internal sealed record ConfigVersion(int Version, string Sha256, DateTimeOffset AppliedUtc, string Origin, string Node, string Text);
