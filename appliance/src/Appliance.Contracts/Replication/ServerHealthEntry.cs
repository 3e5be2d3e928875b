namespace Appliance.Contracts.Replication;

/// <summary>One server's state as the sync service carries it.</summary>
/// <param name="Backend">The backend's name.</param>
/// <param name="Server">The server's name.</param>
/// <param name="Status">Operational and admin state, admin first (maintenance and drain win over up/down).</param>
/// <param name="LastCheck">The last check's short result as the stats page shows it ("L4OK", "L7STS"...); empty when none.</param>
public sealed record ServerHealthEntry(string Backend, string Server, ServerStatus Status, string LastCheck);
