namespace Appliance.HaAgent.Sync.Replication;

/// <summary>A local change with the sequence number the master gave it.</summary>
/// <param name="Sequence">Its sequence number (from 1, no gaps).</param>
/// <param name="Change">The change.</param>
public readonly record struct SequencedChange(long Sequence, LocalChange Change);
