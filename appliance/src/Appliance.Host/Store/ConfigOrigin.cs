namespace Appliance.Host.Store;

/// <summary>Why a configuration version was applied: the <c>origin</c> column of the <c>configs</c> table.</summary>
internal static class ConfigOrigin
{
    /// <summary><c>appliance run</c> started with it.</summary>
    public const string Start = "start";

    /// <summary>A reload (SIGHUP, including the one <c>appliance config rollback</c> sends) applied it.</summary>
    public const string Reload = "reload";

    /// <summary>
    /// The store was recreated (corrupt, or deleted under the running node) and this is the configuration the node was
    /// running at that moment: version 1 of the new store.
    /// </summary>
    public const string Recovered = "recovered";

    /// <summary>Received from a peer by state sync (issue 7, later item).</summary>
    public const string Sync = "sync";

    /// <summary>Applied through the admin API (issue 7, later item).</summary>
    public const string Admin = "admin";
}
