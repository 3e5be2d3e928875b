using Appliance.ProxyCore.Model;

namespace Appliance.ProxyCore.Stats;

/// <summary>
/// Applies an admin form to the servers of a backend through their operator admin state (HAProxy's <c>ready</c>,
/// <c>drain</c>, <c>maint</c>); the change is visible to the balancers and the page at once. Returns HAProxy's outcome
/// code for the <c>;st=</c> redirect.
/// </summary>
public static class StatsAdmin
{
    /// <summary>The actions this build applies.</summary>
    public static readonly string[] Actions = ["ready", "drain", "maint"];

    /// <param name="form">The posted form.</param>
    /// <param name="findBackend">Finds a backend by <c>#ID</c> or name.</param>
    /// <returns>DONE, NONE (no server checked), PART (some servers unknown), ERRP (bad action or no server known) or PX (no such backend).</returns>
    public static string Apply(StatsAdminForm form, Func<string, BackendModel?> findBackend)
    {
        var state = form.Action switch
        {
            "ready" => ServerAdminState.Ready,
            "drain" => ServerAdminState.Drain,
            "maint" => ServerAdminState.Maint,
            _ => (ServerAdminState?)null,
        };
        if (state is null)
        {
            return "ERRP";
        }

        if (form.Backend is null || findBackend(form.Backend) is not { } backend)
        {
            return "PX";
        }

        if (form.Servers.Count == 0)
        {
            return "NONE";
        }

        var applied = 0;
        foreach (var name in form.Servers)
        {
            if (backend.FindServer(name) is { } server)
            {
                server.State.SetOperatorAdmin(state.Value);
                applied++;
            }
        }

        return applied == form.Servers.Count ? "DONE" : applied > 0 ? "PART" : "ERRP";
    }
}
