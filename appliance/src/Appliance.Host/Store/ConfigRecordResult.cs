namespace Appliance.Host.Store;

/// <summary>The outcome of <see cref="ConfigStore.Record"/>.</summary>
/// <param name="Version">The newest version after the call: the new one, or the existing one with the same text.</param>
/// <param name="Created">False when the text equals the newest version's (same hash): nothing was written.</param>
/// <param name="Recovered">True when the store had to be recreated first (see <see cref="ConfigOrigin.Recovered"/>).</param>
internal sealed record ConfigRecordResult(ConfigVersion Version, bool Created, bool Recovered);
