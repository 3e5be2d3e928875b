using Appliance.ProxyCore.Acl;
using Appliance.ProxyCore.Configuration;

namespace Appliance.ProxyCore.Stats;

/// <summary>
/// The stats page settings of one proxy, from its <c>stats</c> lines (inherited ones first). As in HAProxy, any
/// <c>stats</c> line enables the page; the defaults below are HAProxy's.
/// </summary>
public sealed record StatsConfig
{
    /// <summary>HAProxy's default <c>stats uri</c>.</summary>
    public const string DefaultUri = "/haproxy?stats";

    /// <summary>HAProxy's default <c>stats realm</c>.</summary>
    public const string DefaultRealm = "HAProxy Statistics";

    /// <summary>The first <c>stats</c> line that applies, for diagnostics.</summary>
    public required SourceLocation Location { get; init; }

    /// <summary><c>stats uri</c>: the prefix of the path (with its query) that the page answers; default <see cref="DefaultUri"/>.</summary>
    public string Uri { get; init; } = DefaultUri;

    /// <summary><c>stats realm</c>: the realm of the 401 challenge; default <see cref="DefaultRealm"/>.</summary>
    public string Realm { get; init; } = DefaultRealm;

    /// <summary><c>stats auth</c> accounts; empty = no authentication.</summary>
    public IReadOnlyList<StatsCredential> Credentials { get; init; } = [];

    /// <summary><c>stats hide-version</c>: the page does not name the version. Default false.</summary>
    public bool HideVersion { get; init; }

    /// <summary><c>stats refresh</c>: the page reloads itself at this interval; null (default) = never.</summary>
    public TimeSpan? Refresh { get; init; }

    /// <summary><c>stats admin if|unless COND</c>: requests for which the admin form is shown and applied; null = read-only.</summary>
    public Condition? Admin { get; init; }

    /// <summary><c>stats show-node [NAME]</c>: show the node name. Default false.</summary>
    public bool ShowNode { get; init; }

    /// <summary>The name given to <c>stats show-node</c>; null = the node's own name.</summary>
    public string? NodeName { get; init; }

    /// <summary><c>stats show-desc [TEXT]</c>: show a description. Default false.</summary>
    public bool ShowDescription { get; init; }

    /// <summary>The text given to <c>stats show-desc</c>; null = none.</summary>
    public string? Description { get; init; }

    /// <summary><c>stats show-legends</c>: explain the colours and show each server's details. Default false.</summary>
    public bool ShowLegends { get; init; }

    /// <summary>
    /// <c>stats scope</c> names (<c>.</c> is the proxy itself, resolved to its name); empty (default) = every proxy.
    /// </summary>
    public IReadOnlyList<string> Scopes { get; init; } = [];

    /// <summary>True when <paramref name="proxy"/> is shown (no scope, or named by one).</summary>
    public bool InScope(string proxy) => Scopes.Count == 0 || Scopes.Contains(proxy, StringComparer.Ordinal);
}
