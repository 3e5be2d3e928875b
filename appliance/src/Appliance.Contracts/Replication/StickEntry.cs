namespace Appliance.Contracts.Replication;

/// <summary>One live entry of a stick table as it crosses the seam (snapshots, local changes, remote changes).</summary>
/// <param name="Table">The table's name: the name of the proxy that declares <c>stick-table</c>.</param>
/// <param name="Key">The key.</param>
/// <param name="Server">The name of the server the key sticks to, as on its <c>server</c> line.</param>
/// <param name="ExpiresIn">Remaining lifetime. Relative, so the clocks of two nodes need not agree.</param>
public readonly record struct StickEntry(string Table, StickKey Key, string Server, TimeSpan ExpiresIn);
