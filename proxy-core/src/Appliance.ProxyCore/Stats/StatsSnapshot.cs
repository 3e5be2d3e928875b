namespace Appliance.ProxyCore.Stats;

/// <summary>Everything a stats page shows, read at one moment: the proxies' rows and facts about the node.</summary>
public sealed record StatsSnapshot
{
    public required IReadOnlyList<ProxyStats> Proxies { get; init; }

    /// <summary>The node's name (the HA provider's, else the host name).</summary>
    public required string NodeName { get; init; }

    /// <summary>The product version shown unless <c>stats hide-version</c>.</summary>
    public required string Version { get; init; }

    /// <summary>The process id.</summary>
    public int ProcessId { get; init; }

    /// <summary>How long the engine has been running.</summary>
    public TimeSpan Uptime { get; init; }

    /// <summary>When the snapshot was taken.</summary>
    public DateTimeOffset Time { get; init; }

    /// <summary>The HA role (e.g. MASTER, BACKUP) when an <see cref="IApplianceStatus"/> is set; null otherwise.</summary>
    public string? Role { get; init; }

    /// <summary>The virtual addresses this node holds, when a provider is set.</summary>
    public IReadOnlyList<string> Vips { get; init; } = [];

    /// <summary>True when an <see cref="IApplianceStatus"/> provider gave <see cref="Role"/> and <see cref="Vips"/>.</summary>
    public bool HasHaStatus { get; init; }

    public ProxyStats? Find(string name) => Proxies.FirstOrDefault(p => p.Name == name);
}
