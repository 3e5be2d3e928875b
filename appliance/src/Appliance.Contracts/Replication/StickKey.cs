namespace Appliance.Contracts.Replication;

/// <summary>
/// A stick-table key in its canonical text form, the form replication carries between nodes: an address as
/// <see cref="System.Net.IPAddress.ToString"/> prints it (IPv4 dotted quad for <see cref="StickKeyType.Ipv4"/>,
/// the compressed form for <see cref="StickKeyType.Ipv6"/>), an integer in invariant decimal, a string as is.
/// Two keys are the same entry exactly when type and text are equal.
/// </summary>
/// <param name="Type">The table's key type.</param>
/// <param name="Value">The canonical text.</param>
public readonly record struct StickKey(StickKeyType Type, string Value);
