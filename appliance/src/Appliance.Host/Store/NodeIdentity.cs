namespace Appliance.Host.Store;

/// <summary>Who this node is, as kept in the store's <c>node</c> table.</summary>
/// <param name="Id">A random 128-bit id (32 lower-case hex digits) generated when the store is first created, never changed.</param>
/// <param name="Name">A human name; defaults to the host name at creation, changed with <see cref="ConfigStore.SetNodeName"/>.</param>
internal sealed record NodeIdentity(string Id, string Name);
