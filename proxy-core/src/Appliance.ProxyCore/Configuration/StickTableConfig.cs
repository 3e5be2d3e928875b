using Appliance.Contracts.Replication;

namespace Appliance.ProxyCore.Configuration;

/// <summary>
/// A proxy's <c>stick-table</c> line: <c>type ip|ipv6|integer|string [len N] size N [expire T] [nopurge] [peers NAME]</c>.
/// The table is named after its proxy (HAProxy's rule, so one table per proxy).
/// </summary>
public sealed record StickTableConfig
{
    /// <summary>HAProxy's default <c>len</c> of a string key, in bytes.</summary>
    public const int DefaultKeyLength = 32;

    /// <summary>The table's name: the name of the proxy that declares it.</summary>
    public required string Name { get; init; }

    public required StickKeyType KeyType { get; init; }

    /// <summary><c>len</c>: the longest string key kept (longer keys are truncated, as HAProxy does); default 32.</summary>
    public int KeyLength { get; init; } = DefaultKeyLength;

    /// <summary><c>size</c>: the most entries the table holds (required, positive).</summary>
    public required int Size { get; init; }

    /// <summary><c>expire</c>: an entry's lifetime since it was last created, refreshed or matched; null = never expires.</summary>
    public TimeSpan? Expire { get; init; }

    /// <summary><c>nopurge</c>: a full table refuses new entries instead of evicting the least recently used one.</summary>
    public bool NoPurge { get; init; }

    /// <summary><c>peers NAME</c>: the peers section whose nodes replicate the table; null = local only.</summary>
    public string? Peers { get; init; }

    public required SourceLocation Location { get; init; }
}
