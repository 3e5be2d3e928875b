using System.Collections;
using Appliance.ProxyCore.Model;

namespace Appliance.ProxyCore.LoadBalancing;

/// <summary>
/// A reusable, growable buffer of candidates handed to <see cref="ILoadBalancer.Pick"/>, so a selection allocates nothing
/// once the buffer has grown to the backend's size. Not thread-safe: each thread owns one.
/// </summary>
internal sealed class CandidateList : IReadOnlyList<ServerModel>
{
    private ServerModel[] _items = new ServerModel[16];

    public int Count { get; private set; }

    public ServerModel this[int index] =>
        (uint)index < (uint)Count ? _items[index] : throw new ArgumentOutOfRangeException(nameof(index));

    public void Add(ServerModel server)
    {
        if (Count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }

        _items[Count++] = server;
    }

    /// <summary>Empties the list and drops the references, so a pooled buffer does not keep an old model alive after a reload.</summary>
    public void Clear()
    {
        Array.Clear(_items, 0, Count);
        Count = 0;
    }

    public IEnumerator<ServerModel> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return _items[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
