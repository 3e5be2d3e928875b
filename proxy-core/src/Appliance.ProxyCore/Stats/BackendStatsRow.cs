using Appliance.ProxyCore.Configuration;
using Appliance.ProxyCore.Model;
using static Appliance.ProxyCore.Stats.StatsField;

namespace Appliance.ProxyCore.Stats;

/// <summary>Fills a BACKEND row with HAProxy's fields; the columns HAProxy leaves empty for backends stay empty.</summary>
internal static class BackendStatsRow
{
    /// <param name="backend">The backend.</param>
    /// <param name="proxyId">Its id.</param>
    /// <param name="sessionLimit">Its <c>fullconn</c> or derived limit (<c>slim</c>).</param>
    /// <param name="time">The clock for <c>lastsess</c>.</param>
    /// <param name="legends">True with <c>stats show-legends</c>: the cookie name and the algorithm are filled, as HAProxy does only then.</param>
    public static StatsRow Build(BackendModel backend, int proxyId, int sessionLimit, TimeProvider time, bool legends)
    {
        var row = new StatsRow(StatsObjectType.Backend, proxyId, 0);
        var traffic = backend.Traffic;
        var http = backend.Config.Mode == ProxyMode.Http;

        // HAProxy's act/bck and weight count the servers that can take new traffic; backups count only when no
        // active server can (the weight is then the backups').
        int active = 0, backup = 0, activeWeight = 0, backupWeight = 0, activeUser = 0, backupUser = 0;
        long lbTotal = 0;
        foreach (var server in backend.Servers)
        {
            lbTotal += server.State.Traffic.TotalSessions;
            if (!server.State.IsUsable)
            {
                continue;
            }

            if (server.IsBackup)
            {
                backup++;
                backupWeight += server.State.EffectiveWeight;
                backupUser += server.State.ConfiguredWeight;
            }
            else
            {
                active++;
                activeWeight += server.State.EffectiveWeight;
                activeUser += server.State.ConfiguredWeight;
            }
        }

        row.Set(PxName, backend.Name);
        row.Set(SvName, "BACKEND");
        row.Set(QCur, backend.Queue.Count);
        row.Set(QMax, backend.Queue.MaxCount);
        row.Set(SCur, traffic.CurrentSessions);
        row.Set(SMax, traffic.MaxSessions);
        row.Set(SLim, sessionLimit);
        row.Set(STot, traffic.TotalSessions);
        row.Set(BIn, traffic.BytesIn);
        row.Set(BOut, traffic.BytesOut);
        row.Set(DReq, traffic.DeniedRequests);
        row.Set(DResp, traffic.DeniedResponses);
        row.Set(ECon, traffic.ConnectErrors);
        row.Set(EResp, traffic.ResponseErrors);
        row.Set(WRetr, traffic.Retries);
        row.Set(WRedis, traffic.Redispatches);
        row.Set(Status, backend.HasUsableServer() ? "UP" : "DOWN");
        row.Set(Weight, active > 0 ? activeWeight : backupWeight);
        row.Set(Act, active);
        row.Set(Bck, backup);
        row.Set(ChkDown, backend.Clock.DownTransitions);
        row.Set(LastChg, (long)backend.Clock.SinceLastChange().TotalSeconds);
        if (backend.Servers.Count > 0)
        {
            row.Set(Downtime, (long)backend.Clock.Downtime().TotalSeconds);
        }

        row.Set(Pid, 1);
        row.Set(Iid, proxyId);
        row.Set(Sid, 0);
        row.Set(LbTot, lbTotal);
        row.Set(ObjectType, (int)StatsObjectType.Backend);
        row.Set(Rate, traffic.SessionRate.Read());
        row.Set(RateMax, traffic.SessionRate.Max);
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
        if (http)
        {
            row.Zero(CompIn, CompRsp);
        }

        row.Set(LastSess, ServerStatsRow.SecondsSince(traffic.LastSessionTimestamp, time));
        row.Zero(QTime, TTime);
        if (legends && backend.Persistence is { } persistence)
        {
            row.Set(Cookie, persistence.Config.Name);
        }

        row.Set(Mode, http ? "http" : "tcp");
        if (legends)
        {
            row.Set(Algo, backend.Config.Balance.Algorithm);
        }

        row.Zero(WRew, Reuse);
        if (http)
        {
            row.Zero(CacheLookups, CacheHits);
        }

        row.Zero(QTimeMax, EInt);
        row.Set(UWeight, active > 0 ? activeUser : backupUser);
        row.Zero(AggServerStatus, AggCheckStatus);
        row.Set(ModuleSeparator, "-");
        row.Zero(SslSess, H1SplicedBytesOut);
        return row;
    }
}
