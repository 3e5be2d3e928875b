namespace Appliance.ProxyCore.Stats;

/// <summary>The rows of one proxy: its frontend (if it is one), its servers and its backend (if it is one).</summary>
/// <param name="Name">The proxy's name.</param>
/// <param name="Id">The proxy's id (<c>iid</c>).</param>
/// <param name="Mode"><c>http</c> or <c>tcp</c>.</param>
/// <param name="Frontend">The FRONTEND row; null for a backend.</param>
/// <param name="Servers">The server rows in configuration order.</param>
/// <param name="Backend">The BACKEND row; null for a frontend.</param>
public sealed record ProxyStats(string Name, int Id, string Mode, StatsRow? Frontend, IReadOnlyList<StatsRow> Servers, StatsRow? Backend)
{
    /// <summary>Every row in HAProxy's order: FRONTEND, servers, BACKEND.</summary>
    public IEnumerable<StatsRow> Rows
    {
        get
        {
            if (Frontend is not null)
            {
                yield return Frontend;
            }

            foreach (var server in Servers)
            {
                yield return server;
            }

            if (Backend is not null)
            {
                yield return Backend;
            }
        }
    }
}
