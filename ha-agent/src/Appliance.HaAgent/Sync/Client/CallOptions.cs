namespace Appliance.HaAgent.Sync.Client;

/// <summary>Per-call settings.</summary>
/// <param name="Timeout">How long the call may take: sent as <c>grpc-timeout</c> and enforced here too; default null (no deadline).</param>
/// <param name="Headers">Custom metadata (lower-case ASCII names, not starting with <c>grpc-</c>); default none.</param>
/// <param name="CancellationToken">Cancels the call (the stream is reset; the status is CANCELLED).</param>
public readonly record struct CallOptions(
    TimeSpan? Timeout = null,
    IReadOnlyList<KeyValuePair<string, string>>? Headers = null,
    CancellationToken CancellationToken = default);
