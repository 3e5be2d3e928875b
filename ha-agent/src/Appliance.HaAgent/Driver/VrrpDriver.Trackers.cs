using Appliance.HaAgent.Vrrp;

namespace Appliance.HaAgent.Driver;

/// <summary>The trackers' side of the driver: the effective priority from the configured one and the failed trackers.</summary>
public sealed partial class VrrpDriver
{
    /// <summary>Sets the effective priority from the configured one and the failed trackers; <paramref name="force"/> after a reload (the caller logs).</summary>
    private void ApplyTrackers(bool force = false)
    {
        var failedWeights = 0;
        foreach (var tracker in _trackers)
        {
            if (!tracker.IsHealthy)
            {
                failedWeights += tracker.Weight;
            }
        }

        var priority = EffectivePriority.Compute(_options.Instance.Priority, failedWeights);
        if (force)
        {
            _machine.SetPriority(priority);
            _trackedPriority = priority;
        }
        else if (priority != _trackedPriority)
        {
            var failed = string.Join(", ", _trackers.Where(t => !t.IsHealthy).Select(t => t.Name));
            var before = _machine.Priority;
            _machine.SetPriority(priority);
            _trackedPriority = priority;
            HaLog.PriorityChanged(_logger, Name, before, _machine.Priority, failed.Length == 0 ? "none" : failed);
            Volatile.Write(ref _priority, _machine.Priority);
        }
    }
}
