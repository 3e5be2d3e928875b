namespace Appliance.Contracts.Replication;

/// <summary>
/// Told of every local change to a replicated stick table. Called on the data path, inside the request that made
/// the change: an implementation must not block, allocate without bound or throw (queue the change and return).
/// </summary>
public interface IStickTableObserver
{
    /// <summary>An entry was created, or its server changed, or its expiry was pushed back by a store rule.</summary>
    void OnStored(in StickEntry entry);

    /// <summary>An entry was removed locally before it expired (e.g. by the admin socket's <c>clear table</c>).</summary>
    void OnRemoved(string table, StickKey key);
}
