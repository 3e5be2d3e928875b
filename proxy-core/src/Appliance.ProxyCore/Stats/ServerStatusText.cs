using Appliance.ProxyCore.Model;

namespace Appliance.ProxyCore.Stats;

/// <summary>
/// A server's <c>status</c> column in HAProxy 2.6's words (src/stats.c, srv_hlt_st): <c>UP</c>, <c>DOWN</c>,
/// <c>MAINT</c>, <c>DRAIN</c>, <c>NOLB</c>, <c>no check</c>, and the transitional <c>UP 1/3</c> (up, failures seen: the
/// next N of fall will take it down) and <c>DOWN 1/2</c> (down, successes seen towards rise).
/// </summary>
public static class ServerStatusText
{
    public static string For(ServerModel server)
    {
        var state = server.State;
        var checks = server.Checks;
        if (state.Admin == ServerAdminState.Maint)
        {
            return "MAINT";
        }

        if (state.Health == ServerHealth.Up)
        {
            var goingDown = checks.HasCheck && checks.Health < checks.Rise + checks.Fall - 1;
            var progress = goingDown ? $" {checks.Health - checks.Rise + 1}/{checks.Fall}" : string.Empty;
            if (state.Admin == ServerAdminState.Drain)
            {
                return checks.HasAgent ? "DRAIN (agent)" : "DRAIN" + progress;
            }

            // A server that is up but may take no new traffic (weight 0): HAProxy's "not load-balanced".
            if (state.ScaledWeight == 0)
            {
                return "NOLB" + progress;
            }

            return goingDown ? "UP" + progress : checks.HasCheck ? "UP" : "no check";
        }

        if (checks.HasAgent && checks.AgentSaysDown)
        {
            return "DOWN (agent)";
        }

        return checks.HasCheck && checks.Health > 0 ? $"DOWN {checks.Health}/{checks.Rise}" : "DOWN";
    }

    /// <summary>The colour class of a status for the HTML page: up, down, going (transitional), maint, drain or nolb.</summary>
    public static string CssClass(string status) => status switch
    {
        "UP" or "no check" or "OPEN" => "up",
        "DOWN" or "DOWN (agent)" or "STOP" => "down",
        "MAINT" => "maint",
        _ when status.StartsWith("DRAIN", StringComparison.Ordinal) => "drain",
        _ when status.StartsWith("NOLB", StringComparison.Ordinal) || status == "FULL" => "nolb",
        _ => "going",
    };
}
