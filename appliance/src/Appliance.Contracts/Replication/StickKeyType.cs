namespace Appliance.Contracts.Replication;

/// <summary>The key type of a stick table (HAProxy's <c>stick-table type ...</c>).</summary>
public enum StickKeyType
{
    /// <summary><c>type ip</c>: an IPv4 address (IPv4-mapped IPv6 addresses are stored as IPv4).</summary>
    Ipv4,

    /// <summary><c>type ipv6</c>: an IPv6 address (IPv4 addresses are stored IPv4-mapped).</summary>
    Ipv6,

    /// <summary><c>type integer</c>: a signed 64-bit integer.</summary>
    Number,

    /// <summary><c>type string</c>: text of at most the table's <c>len</c> bytes.</summary>
    Text,
}
