using Appliance.Contracts;
using Appliance.HaAgent.Net;

namespace Appliance.Host.Switchover;

/// <summary>What a switchover needs from the running ha-agent (<see cref="Hosting.HaAgentHost"/>; a fake in tests).</summary>
internal interface ISwitchoverAgent
{
    /// <summary>The role now.</summary>
    HaRole Role { get; }

    /// <summary>The configured advertisement interval (<c>advert_int</c>).</summary>
    TimeSpan AdvertInterval { get; }

    /// <summary>The priority advertised now.</summary>
    byte Priority { get; }

    /// <summary>In Backup: the master whose adverts are accepted now; null when none is known.</summary>
    Ipv4Address? MasterAddress { get; }

    /// <summary>True while a resignation hold keeps the node from preempting.</summary>
    bool IsHeld { get; }

    /// <summary>The override priority in force; null = none.</summary>
    byte? PriorityOverride { get; }

    /// <summary>Resigns (priority-0 advert; the VIPs go once the new master is heard) and holds the node in Backup; completes with the role after.</summary>
    Task<HaRole> ResignAsync(TimeSpan? hold);

    /// <summary>Runs at <paramref name="priority"/> in place of the configured priority; null ends the override.</summary>
    Task<HaRole> OverridePriorityAsync(byte? priority, TimeSpan? duration);

    /// <summary>Ends a hold and an override.</summary>
    Task<HaRole> ReleaseAsync();
}
