using System.Net;

namespace Appliance.HaAgent.Discovery;

/// <summary>A service instance the browser has resolved: its PTR, SRV, TXT and at least one address are all cached. Immutable.</summary>
/// <param name="Name">The full instance name, <c>Instance._service._tcp.local</c>.</param>
/// <param name="Host">The SRV target.</param>
/// <param name="Port">The SRV port.</param>
/// <param name="Addresses">The target's A and AAAA addresses, sorted.</param>
/// <param name="Txt">The TXT pairs (keys without ASCII case; a key without '=' has a null value).</param>
public sealed record DiscoveredService(DnsName Name, DnsName Host, ushort Port, IReadOnlyList<IPAddress> Addresses, IReadOnlyDictionary<string, string?> Txt)
{
    /// <summary>The instance label, the first label of <see cref="Name"/>.</summary>
    public string Instance => Name.Labels[0];

    /// <summary>True when every field has the same value (records compare their lists by reference).</summary>
    public bool HasSameValues(DiscoveredService other) =>
        other is not null
        && other.Name == Name
        && other.Host == Host
        && other.Port == Port
        && other.Addresses.SequenceEqual(Addresses)
        && other.Txt.Count == Txt.Count
        && Txt.All(p => other.Txt.TryGetValue(p.Key, out var v) && v == p.Value);
}
