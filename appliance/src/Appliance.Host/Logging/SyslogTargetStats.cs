using Appliance.ProxyCore.Logging;

namespace Appliance.Host.Logging;

/// <summary>One target's counters, for the stats page.</summary>
/// <param name="Address">The target as written in the configuration.</param>
/// <param name="Transport">How it is reached.</param>
/// <param name="Sent">Lines handed to the transport successfully.</param>
/// <param name="Dropped">Lines lost: queue full (target slow or down), send failed, or still queued at shutdown.</param>
public sealed record SyslogTargetStats(string Address, LogTransport Transport, long Sent, long Dropped);
