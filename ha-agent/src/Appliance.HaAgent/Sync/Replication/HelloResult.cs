using Proto = Appliance.HaAgent.Sync.Protos;

namespace Appliance.HaAgent.Sync.Replication;

/// <summary>A backup's answer to a master's hello.</summary>
/// <param name="StreamId">The stream's id for the following messages; 0 when refused.</param>
/// <param name="Ack">The first ack (on a refusal it carries the epoch the master must exceed and the reason).</param>
/// <param name="Refusal">Why the stream is refused; null when accepted.</param>
public sealed record HelloResult(int StreamId, Proto.ReplicationAck Ack, string? Refusal);
