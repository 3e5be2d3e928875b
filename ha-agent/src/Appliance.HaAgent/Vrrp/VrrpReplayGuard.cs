using Appliance.HaAgent.Net;

namespace Appliance.HaAgent.Vrrp;

/// <summary>
/// Rejects authenticated adverts whose counter is not greater than the last one accepted from the same source.
/// Only adverts whose MAC verified reach it, so its table holds keyed peers only and cannot be flooded.
/// </summary>
/// <remarks>
/// The table lives in memory: after this agent restarts, the first advert from each peer is accepted whatever its
/// counter, so an advert captured earlier can be replayed once in that window. Senders start their counter from the
/// clock (<see cref="VrrpAuthCounter"/>) so it keeps increasing across their own restarts.
/// </remarks>
public sealed class VrrpReplayGuard
{
    private readonly Dictionary<Ipv4Address, ulong> _lastAccepted = [];

    /// <summary>Accepts and records <paramref name="counter"/> when it is greater than the last from <paramref name="source"/>.</summary>
    public bool TryAccept(Ipv4Address source, ulong counter)
    {
        if (_lastAccepted.TryGetValue(source, out var last) && counter <= last)
        {
            return false;
        }

        _lastAccepted[source] = counter;
        return true;
    }

    /// <summary>The last counter accepted from <paramref name="source"/>, or null when none was.</summary>
    public ulong? LastAccepted(Ipv4Address source) => _lastAccepted.TryGetValue(source, out var last) ? last : null;
}
