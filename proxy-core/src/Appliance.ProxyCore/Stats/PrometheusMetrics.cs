using static Appliance.ProxyCore.Stats.StatsField;
using static Appliance.ProxyCore.Stats.StatsObjectType;

namespace Appliance.ProxyCore.Stats;

/// <summary>
/// The plain metric families the exporter writes, named as HAProxy 2.6's own exporter names them (addons/promex). The
/// labelled families (<c>status</c>, <c>http_responses_total</c>, <c>check_status</c>, <c>haproxy_backend_up</c>) are
/// written by <see cref="PrometheusWriter"/> itself.
/// </summary>
internal static class PrometheusMetrics
{
    public static readonly PrometheusMetric[] All =
    [
        new(Frontend, "current_sessions", "gauge", "Number of current sessions (client connections).", SCur),
        new(Frontend, "max_sessions", "gauge", "Highest number of sessions at once.", SMax),
        new(Frontend, "limit_sessions", "gauge", "Configured session limit (maxconn).", SLim),
        new(Frontend, "sessions_total", "counter", "Sessions since start.", STot),
        new(Frontend, "limit_session_rate", "gauge", "Configured limit on new sessions per second (0 = none).", RateLim),
        new(Frontend, "max_session_rate", "gauge", "Highest number of new sessions per second.", RateMax),
        new(Frontend, "connections_rate_max", "gauge", "Highest number of new connections per second.", ConnRateMax),
        new(Frontend, "connections_total", "counter", "Connections since start.", ConnTot),
        new(Frontend, "bytes_in_total", "counter", "Bytes received from clients.", BIn),
        new(Frontend, "bytes_out_total", "counter", "Bytes sent to clients.", BOut),
        new(Frontend, "requests_denied_total", "counter", "Requests denied by rules.", DReq),
        new(Frontend, "responses_denied_total", "counter", "Responses denied by rules.", DResp),
        new(Frontend, "request_errors_total", "counter", "Malformed or timed-out requests.", EReq),
        new(Frontend, "http_requests_rate_max", "gauge", "Highest number of HTTP requests per second.", ReqRateMax),
        new(Frontend, "http_requests_total", "counter", "HTTP requests received.", ReqTot),
        new(Backend, "current_queue", "gauge", "Requests waiting for a server slot.", QCur),
        new(Backend, "max_queue", "gauge", "Highest number of requests waiting at once.", QMax),
        new(Backend, "current_sessions", "gauge", "Number of current sessions on the backend's servers.", SCur),
        new(Backend, "max_sessions", "gauge", "Highest number of sessions at once.", SMax),
        new(Backend, "limit_sessions", "gauge", "Session limit (fullconn).", SLim),
        new(Backend, "sessions_total", "counter", "Sessions since start.", STot),
        new(Backend, "max_session_rate", "gauge", "Highest number of new sessions per second.", RateMax),
        new(Backend, "last_session_seconds", "gauge", "Seconds since the last session (-1 = none yet).", LastSess),
        new(Backend, "bytes_in_total", "counter", "Bytes of requests sent to the servers.", BIn),
        new(Backend, "bytes_out_total", "counter", "Bytes of responses received from the servers.", BOut),
        new(Backend, "requests_denied_total", "counter", "Requests denied by rules.", DReq),
        new(Backend, "responses_denied_total", "counter", "Responses denied by rules.", DResp),
        new(Backend, "connection_errors_total", "counter", "Sessions that could not connect to a server after all retries.", ECon),
        new(Backend, "response_errors_total", "counter", "Bad, missing or timed-out server responses.", EResp),
        new(Backend, "retry_warnings_total", "counter", "Connection attempts retried.", WRetr),
        new(Backend, "redispatch_warnings_total", "counter", "Sessions redispatched to another server.", WRedis),
        new(Backend, "weight", "gauge", "Total effective weight of the servers taking traffic.", Weight),
        new(Backend, "uweight", "gauge", "Total configured weight of the servers taking traffic.", UWeight),
        new(Backend, "active_servers", "gauge", "Active servers taking traffic.", Act),
        new(Backend, "backup_servers", "gauge", "Backup servers taking traffic.", Bck),
        new(Backend, "check_up_down_total", "counter", "Transitions of the backend to DOWN.", ChkDown),
        new(Backend, "check_last_change_seconds", "gauge", "Seconds since the last state change.", LastChg),
        new(Backend, "downtime_seconds_total", "counter", "Total time the backend was DOWN, in seconds.", Downtime),
        new(Backend, "loadbalanced_total", "counter", "Sessions given to a server.", LbTot),
        new(Backend, "http_requests_total", "counter", "HTTP requests answered.", ReqTot),
        new(Server, "current_queue", "gauge", "Requests waiting for this server.", QCur),
        new(Server, "max_queue", "gauge", "Highest number of requests waiting for this server.", QMax),
        new(Server, "current_sessions", "gauge", "Number of current sessions on the server.", SCur),
        new(Server, "max_sessions", "gauge", "Highest number of sessions at once.", SMax),
        new(Server, "limit_sessions", "gauge", "Configured session limit (maxconn).", SLim),
        new(Server, "sessions_total", "counter", "Sessions since start.", STot),
        new(Server, "max_session_rate", "gauge", "Highest number of new sessions per second.", RateMax),
        new(Server, "last_session_seconds", "gauge", "Seconds since the last session (-1 = none yet).", LastSess),
        new(Server, "bytes_in_total", "counter", "Bytes of requests sent to the server.", BIn),
        new(Server, "bytes_out_total", "counter", "Bytes of responses received from the server.", BOut),
        new(Server, "responses_denied_total", "counter", "Responses denied by rules.", DResp),
        new(Server, "connection_errors_total", "counter", "Sessions that could not connect after all retries.", ECon),
        new(Server, "response_errors_total", "counter", "Bad, missing or timed-out responses.", EResp),
        new(Server, "retry_warnings_total", "counter", "Connection attempts retried.", WRetr),
        new(Server, "redispatch_warnings_total", "counter", "Sessions moved away from this server after failed attempts.", WRedis),
        new(Server, "weight", "gauge", "Effective weight.", Weight),
        new(Server, "uweight", "gauge", "Configured weight.", UWeight),
        new(Server, "check_failures_total", "counter", "Failed health checks.", ChkFail),
        new(Server, "check_up_down_total", "counter", "Transitions to DOWN.", ChkDown),
        new(Server, "check_last_change_seconds", "gauge", "Seconds since the last state change.", LastChg),
        new(Server, "downtime_seconds_total", "counter", "Total time the server was unavailable, in seconds.", Downtime),
        new(Server, "check_code", "gauge", "HTTP status of the last layer-7 check.", CheckCode),
        new(Server, "check_duration_seconds", "gauge", "Duration of the last health check, in seconds.", CheckDuration, 0.001),
        new(Server, "loadbalanced_total", "counter", "Sessions given to this server.", LbTot),
    ];
}
