namespace Appliance.ProxyCore.Stats;

/// <summary>How one view of the HTML page is drawn: the proxy's <c>stats</c> settings plus the request's options.</summary>
public sealed record StatsPageOptions
{
    /// <summary>The <c>stats uri</c>, for the links and the admin form.</summary>
    public required string Uri { get; init; }

    /// <summary>Reload interval; null = none (also when the request says <c>;norefresh</c>).</summary>
    public TimeSpan? Refresh { get; init; }

    /// <summary>True when the request said <c>;norefresh</c> (the link then offers to turn refreshing back on).</summary>
    public bool RefreshDisabled { get; init; }

    public bool HideVersion { get; init; }

    /// <summary>The node name to show (<c>stats show-node</c>); null = not shown.</summary>
    public string? NodeName { get; init; }

    /// <summary>The description to show (<c>stats show-desc</c>); null = not shown.</summary>
    public string? Description { get; init; }

    public bool ShowLegends { get; init; }

    /// <summary>True when <c>stats admin</c> allows this request: checkboxes and the action form are drawn.</summary>
    public bool Admin { get; init; }

    /// <summary><c>;up</c>: only servers that are up are listed.</summary>
    public bool UpOnly { get; init; }

    /// <summary>The outcome of the last admin action (<c>;st=DONE</c> ...); null = none.</summary>
    public string? ActionStatus { get; init; }
}
