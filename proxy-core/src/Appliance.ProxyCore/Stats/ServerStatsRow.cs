using Appliance.ProxyCore.Configuration;
using Appliance.ProxyCore.Model;
using static Appliance.ProxyCore.Stats.StatsField;

namespace Appliance.ProxyCore.Stats;

/// <summary>Fills a server's row with HAProxy's fields; the columns HAProxy leaves empty for servers stay empty.</summary>
internal static class ServerStatsRow
{
    /// <param name="backend">The server's backend.</param>
    /// <param name="server">The server.</param>
    /// <param name="proxyId">The backend's id.</param>
    /// <param name="time">The clock for <c>lastsess</c>.</param>
    /// <param name="legends">
    /// True with <c>stats show-legends</c> (and on HAProxy's CLI): the address and cookie are filled, as HAProxy fills
    /// them only then (src/stats.c, STAT_SHLGNDS).
    /// </param>
    public static StatsRow Build(BackendModel backend, ServerModel server, int proxyId, TimeProvider time, bool legends)
    {
        var row = new StatsRow(StatsObjectType.Server, proxyId, server.Index + 1);
        var state = server.State;
        var traffic = state.Traffic;
        var checks = server.Checks;
        var http = backend.Config.Mode == ProxyMode.Http;
        row.Set(PxName, backend.Name);
        row.Set(SvName, server.Name);

        // The server's own queue: clients persistence sends to it while it is full.
        row.Set(QCur, state.Queue.Count);
        row.Set(QMax, state.Queue.MaxCount);
        if (server.Config.MaxQueue > 0)
        {
            row.Set(QLimit, server.Config.MaxQueue);
        }

        row.Set(SCur, traffic.CurrentSessions);
        row.Set(SMax, traffic.MaxSessions);
        if (state.MaxConn > 0)
        {
            row.Set(SLim, state.MaxConn);
        }

        row.Set(STot, traffic.TotalSessions);
        row.Set(BIn, traffic.BytesIn);
        row.Set(BOut, traffic.BytesOut);
        row.Set(DResp, traffic.DeniedResponses);
        row.Set(ECon, traffic.ConnectErrors);
        row.Set(EResp, traffic.ResponseErrors);
        row.Set(WRetr, traffic.Retries);
        row.Set(WRedis, traffic.Redispatches);
        row.Set(Status, ServerStatusText.For(server));
        row.Set(Weight, state.ScaledWeight);
        row.Set(Act, server.IsBackup ? 0 : 1);
        row.Set(Bck, server.IsBackup ? 1 : 0);
        if (checks.HasCheck)
        {
            row.Set(ChkFail, checks.FailedChecks);
            row.Set(ChkDown, state.Clock.DownTransitions);
        }

        row.Set(LastChg, (long)state.Clock.SinceLastChange().TotalSeconds);
        if (checks.HasCheck)
        {
            row.Set(Downtime, (long)state.Clock.Downtime().TotalSeconds);
        }

        row.Set(Pid, 1);
        row.Set(Iid, proxyId);
        row.Set(Sid, server.Index + 1);
        row.Set(LbTot, traffic.TotalSessions);
        row.Set(ObjectType, (int)StatsObjectType.Server);
        row.Set(Rate, traffic.SessionRate.Read());
        row.Set(RateMax, traffic.SessionRate.Max);
        if (checks.HasCheck)
        {
            var check = checks.LastCheck;
            row.Set(CheckStatus, check?.Status ?? "INI");
            if (check?.Code is { } code)
            {
                row.Set(CheckCode, code);
            }

            row.Set(CheckDuration, (long)(check?.Duration.TotalMilliseconds ?? 0));
            row.Set(LastChk, check?.Info ?? string.Empty);
            row.Set(CheckDesc, check?.Description ?? "Initializing");
            row.Set(CheckRise, checks.Rise);
            row.Set(CheckFall, checks.Fall);
            row.Set(CheckHealth, checks.Health);
        }

        if (http)
        {
            row.Set(Hrsp1xx, traffic.Responses(1));
            row.Set(Hrsp2xx, traffic.Responses(2));
            row.Set(Hrsp3xx, traffic.Responses(3));
            row.Set(Hrsp4xx, traffic.Responses(4));
            row.Set(Hrsp5xx, traffic.Responses(5));
            row.Set(HrspOther, traffic.Responses(0));
            row.Set(ReqTot, traffic.Requests);
        }

        row.Zero(CliAbrt, SrvAbrt);
        row.Set(LastSess, SecondsSince(traffic.LastSessionTimestamp, time));
        row.Zero(QTime, TTime);
        if (checks.HasAgent)
        {
            var agent = checks.LastAgent;
            row.Set(AgentStatus, agent?.Status ?? "INI");
            if (agent?.Code is { } agentCode)
            {
                row.Set(AgentCode, agentCode);
            }

            row.Set(AgentDuration, (long)(agent?.Duration.TotalMilliseconds ?? 0));
            row.Set(AgentDesc, agent?.Description ?? "Initializing");
            row.Set(LastAgt, agent?.Info ?? string.Empty);

            // HAProxy's agent rise and fall are 1: its health is 1 while the agent does not say down.
            row.Set(AgentRise, 1);
            row.Set(AgentFall, 1);
            row.Set(AgentHealth, checks.AgentSaysDown ? 0 : 1);
        }

        if (legends)
        {
            row.Set(Addr, server.Address is { } address
                ? $"{(address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString())}:{server.Config.Port?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "0"}"
                : server.Config.Host);
            if (server.Config.Cookie is { } cookie)
            {
                row.Set(Cookie, cookie);
            }
        }

        row.Set(Mode, http ? "http" : "tcp");
        row.Zero(WRew, Reuse);
        row.Set(SrvICur, 0);
        row.Zero(QTimeMax, NeedConnEst);
        row.Set(UWeight, state.ConfiguredWeight);
        row.Set(ModuleSeparator, "-");
        row.Zero(SslSess, SslFailedHandshake);
        return row;
    }

    /// <summary>HAProxy's <c>lastsess</c>: seconds since the last session, -1 when there was none.</summary>
    public static long SecondsSince(long? timestamp, TimeProvider time) =>
        timestamp is { } t ? (long)time.GetElapsedTime(t).TotalSeconds : -1;
}
