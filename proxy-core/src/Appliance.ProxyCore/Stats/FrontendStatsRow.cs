using Appliance.ProxyCore.Configuration;
using Appliance.ProxyCore.Model;
using static Appliance.ProxyCore.Stats.StatsField;

namespace Appliance.ProxyCore.Stats;

/// <summary>Fills a FRONTEND row with HAProxy's fields; the columns HAProxy leaves empty for frontends stay empty.</summary>
internal static class FrontendStatsRow
{
    /// <param name="frontend">The frontend.</param>
    /// <param name="proxyId">Its id.</param>
    /// <param name="sessionLimit">Its <c>maxconn</c>, else the global one (<c>slim</c>).</param>
    public static StatsRow Build(FrontendModel frontend, int proxyId, int sessionLimit)
    {
        var row = new StatsRow(StatsObjectType.Frontend, proxyId, 0);
        var traffic = frontend.Traffic;
        var http = frontend.Config.Mode == ProxyMode.Http;
        row.Set(PxName, frontend.Name);
        row.Set(SvName, "FRONTEND");
        row.Set(SCur, traffic.CurrentSessions);
        row.Set(SMax, traffic.MaxSessions);
        row.Set(SLim, sessionLimit);
        row.Set(STot, traffic.TotalSessions);
        row.Set(BIn, traffic.BytesIn);
        row.Set(BOut, traffic.BytesOut);
        row.Set(DReq, traffic.DeniedRequests);
        row.Set(DResp, traffic.DeniedResponses);
        row.Set(EReq, traffic.RequestErrors);
        row.Set(Status, traffic.CurrentSessions >= sessionLimit ? "FULL" : "OPEN");
        row.Set(Pid, 1);
        row.Set(Iid, proxyId);
        row.Set(Sid, 0);
        row.Set(ObjectType, (int)StatsObjectType.Frontend);
        row.Set(Rate, traffic.SessionRate.Read());
        row.Set(RateLim, 0);
        row.Set(RateMax, traffic.SessionRate.Max);
        if (http)
        {
            row.Set(Hrsp1xx, traffic.Responses(1));
            row.Set(Hrsp2xx, traffic.Responses(2));
            row.Set(Hrsp3xx, traffic.Responses(3));
            row.Set(Hrsp4xx, traffic.Responses(4));
            row.Set(Hrsp5xx, traffic.Responses(5));
            row.Set(HrspOther, traffic.Responses(0));
            row.Set(ReqRate, traffic.RequestRate.Read());
            row.Set(ReqRateMax, traffic.RequestRate.Max);
            row.Set(ReqTot, traffic.Requests);
            row.Zero(CompIn, CompRsp);
        }

        row.Set(Mode, http ? "http" : "tcp");

        // Every accepted connection is a session here, so the connection columns repeat the session ones.
        row.Set(ConnRate, traffic.SessionRate.Read());
        row.Set(ConnRateMax, traffic.SessionRate.Max);
        row.Set(ConnTot, traffic.TotalSessions);
        row.Zero(Intercepted, WRew);
        if (http)
        {
            row.Zero(CacheLookups, CacheHits);
        }

        row.Set(EInt, 0);
        row.Set(ModuleSeparator, "-");
        row.Zero(SslSess, H1SplicedBytesOut);
        return row;
    }
}
