namespace Appliance.ProxyCore.StickTables;

/// <summary>
/// One entry of a <see cref="StickTable"/>: its key (a number, or text for string tables), the server it names and
/// when it expires. A node of the table's expiry-ordered list; every field is guarded by the table's lock.
/// </summary>
internal sealed class StickTableEntry(UInt128 number, string? text, string server)
{
    /// <summary>The key of address and integer tables (IPv4 in the low 32 bits, IPv6 as 128 bits, integers as 64).</summary>
    public UInt128 Number { get; } = number;

    /// <summary>The key of string tables; null otherwise.</summary>
    public string? Text { get; } = text;

    /// <summary>The server's name, as on its <c>server</c> line.</summary>
    public string Server { get; set; } = server;

    /// <summary>When the entry expires, in <see cref="TimeProvider.GetTimestamp"/> units; <see cref="long.MaxValue"/> = never.</summary>
    public long ExpiresAt { get; set; }

    /// <summary>When the entry was last reported to the observer (or learned from a peer), in timestamp units.</summary>
    public long ReportedAt { get; set; }

    /// <summary>The neighbour that expires later (towards the head); null at the head.</summary>
    public StickTableEntry? Later { get; set; }

    /// <summary>The neighbour that expires sooner (towards the tail); null at the tail.</summary>
    public StickTableEntry? Sooner { get; set; }
}
