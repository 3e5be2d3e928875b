namespace Appliance.Contracts.Replication;

/// <summary>A replicated stick table of the running configuration.</summary>
/// <param name="Name">The table's name (its proxy's name).</param>
/// <param name="KeyType">The key type.</param>
/// <param name="Size">The <c>size</c>: the most entries it holds.</param>
/// <param name="Expire">The <c>expire</c>: an entry's lifetime after its last use.</param>
/// <param name="Count">Live entries now.</param>
public sealed record StickTableInfo(string Name, StickKeyType KeyType, int Size, TimeSpan Expire, int Count);
