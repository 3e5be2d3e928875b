namespace Appliance.HaAgent.Sync.Status;

/// <summary>A replicated stick table's size.</summary>
/// <param name="Table">Its name.</param>
/// <param name="Entries">Live entries.</param>
public sealed record TableSize(string Table, long Entries);
