namespace Appliance.ProxyCore.Stats;

/// <summary>
/// The columns of HAProxy 2.6's <c>show stat</c> CSV, in its order (the value is the column index): the 103 base
/// fields, the <c>-</c> separator, then the columns of the SSL, HTTP/2 and HTTP/1 statistics modules.
/// </summary>
public enum StatsField
{
    /// <summary><c>pxname</c>.</summary>
    PxName = 0,
    /// <summary><c>svname</c>.</summary>
    SvName = 1,
    /// <summary><c>qcur</c>.</summary>
    QCur = 2,
    /// <summary><c>qmax</c>.</summary>
    QMax = 3,
    /// <summary><c>scur</c>.</summary>
    SCur = 4,
    /// <summary><c>smax</c>.</summary>
    SMax = 5,
    /// <summary><c>slim</c>.</summary>
    SLim = 6,
    /// <summary><c>stot</c>.</summary>
    STot = 7,
    /// <summary><c>bin</c>.</summary>
    BIn = 8,
    /// <summary><c>bout</c>.</summary>
    BOut = 9,
    /// <summary><c>dreq</c>.</summary>
    DReq = 10,
    /// <summary><c>dresp</c>.</summary>
    DResp = 11,
    /// <summary><c>ereq</c>.</summary>
    EReq = 12,
    /// <summary><c>econ</c>.</summary>
    ECon = 13,
    /// <summary><c>eresp</c>.</summary>
    EResp = 14,
    /// <summary><c>wretr</c>.</summary>
    WRetr = 15,
    /// <summary><c>wredis</c>.</summary>
    WRedis = 16,
    /// <summary><c>status</c>.</summary>
    Status = 17,
    /// <summary><c>weight</c>.</summary>
    Weight = 18,
    /// <summary><c>act</c>.</summary>
    Act = 19,
    /// <summary><c>bck</c>.</summary>
    Bck = 20,
    /// <summary><c>chkfail</c>.</summary>
    ChkFail = 21,
    /// <summary><c>chkdown</c>.</summary>
    ChkDown = 22,
    /// <summary><c>lastchg</c>.</summary>
    LastChg = 23,
    /// <summary><c>downtime</c>.</summary>
    Downtime = 24,
    /// <summary><c>qlimit</c>.</summary>
    QLimit = 25,
    /// <summary><c>pid</c>.</summary>
    Pid = 26,
    /// <summary><c>iid</c>.</summary>
    Iid = 27,
    /// <summary><c>sid</c>.</summary>
    Sid = 28,
    /// <summary><c>throttle</c>.</summary>
    Throttle = 29,
    /// <summary><c>lbtot</c>.</summary>
    LbTot = 30,
    /// <summary><c>tracked</c>.</summary>
    Tracked = 31,
    /// <summary><c>type</c>.</summary>
    ObjectType = 32,
    /// <summary><c>rate</c>.</summary>
    Rate = 33,
    /// <summary><c>rate_lim</c>.</summary>
    RateLim = 34,
    /// <summary><c>rate_max</c>.</summary>
    RateMax = 35,
    /// <summary><c>check_status</c>.</summary>
    CheckStatus = 36,
    /// <summary><c>check_code</c>.</summary>
    CheckCode = 37,
    /// <summary><c>check_duration</c>.</summary>
    CheckDuration = 38,
    /// <summary><c>hrsp_1xx</c>.</summary>
    Hrsp1xx = 39,
    /// <summary><c>hrsp_2xx</c>.</summary>
    Hrsp2xx = 40,
    /// <summary><c>hrsp_3xx</c>.</summary>
    Hrsp3xx = 41,
    /// <summary><c>hrsp_4xx</c>.</summary>
    Hrsp4xx = 42,
    /// <summary><c>hrsp_5xx</c>.</summary>
    Hrsp5xx = 43,
    /// <summary><c>hrsp_other</c>.</summary>
    HrspOther = 44,
    /// <summary><c>hanafail</c>.</summary>
    HanaFail = 45,
    /// <summary><c>req_rate</c>.</summary>
    ReqRate = 46,
    /// <summary><c>req_rate_max</c>.</summary>
    ReqRateMax = 47,
    /// <summary><c>req_tot</c>.</summary>
    ReqTot = 48,
    /// <summary><c>cli_abrt</c>.</summary>
    CliAbrt = 49,
    /// <summary><c>srv_abrt</c>.</summary>
    SrvAbrt = 50,
    /// <summary><c>comp_in</c>.</summary>
    CompIn = 51,
    /// <summary><c>comp_out</c>.</summary>
    CompOut = 52,
    /// <summary><c>comp_byp</c>.</summary>
    CompByp = 53,
    /// <summary><c>comp_rsp</c>.</summary>
    CompRsp = 54,
    /// <summary><c>lastsess</c>.</summary>
    LastSess = 55,
    /// <summary><c>last_chk</c>.</summary>
    LastChk = 56,
    /// <summary><c>last_agt</c>.</summary>
    LastAgt = 57,
    /// <summary><c>qtime</c>.</summary>
    QTime = 58,
    /// <summary><c>ctime</c>.</summary>
    CTime = 59,
    /// <summary><c>rtime</c>.</summary>
    RTime = 60,
    /// <summary><c>ttime</c>.</summary>
    TTime = 61,
    /// <summary><c>agent_status</c>.</summary>
    AgentStatus = 62,
    /// <summary><c>agent_code</c>.</summary>
    AgentCode = 63,
    /// <summary><c>agent_duration</c>.</summary>
    AgentDuration = 64,
    /// <summary><c>check_desc</c>.</summary>
    CheckDesc = 65,
    /// <summary><c>agent_desc</c>.</summary>
    AgentDesc = 66,
    /// <summary><c>check_rise</c>.</summary>
    CheckRise = 67,
    /// <summary><c>check_fall</c>.</summary>
    CheckFall = 68,
    /// <summary><c>check_health</c>.</summary>
    CheckHealth = 69,
    /// <summary><c>agent_rise</c>.</summary>
    AgentRise = 70,
    /// <summary><c>agent_fall</c>.</summary>
    AgentFall = 71,
    /// <summary><c>agent_health</c>.</summary>
    AgentHealth = 72,
    /// <summary><c>addr</c>.</summary>
    Addr = 73,
    /// <summary><c>cookie</c>.</summary>
    Cookie = 74,
    /// <summary><c>mode</c>.</summary>
    Mode = 75,
    /// <summary><c>algo</c>.</summary>
    Algo = 76,
    /// <summary><c>conn_rate</c>.</summary>
    ConnRate = 77,
    /// <summary><c>conn_rate_max</c>.</summary>
    ConnRateMax = 78,
    /// <summary><c>conn_tot</c>.</summary>
    ConnTot = 79,
    /// <summary><c>intercepted</c>.</summary>
    Intercepted = 80,
    /// <summary><c>dcon</c>.</summary>
    DCon = 81,
    /// <summary><c>dses</c>.</summary>
    DSes = 82,
    /// <summary><c>wrew</c>.</summary>
    WRew = 83,
    /// <summary><c>connect</c>.</summary>
    Connect = 84,
    /// <summary><c>reuse</c>.</summary>
    Reuse = 85,
    /// <summary><c>cache_lookups</c>.</summary>
    CacheLookups = 86,
    /// <summary><c>cache_hits</c>.</summary>
    CacheHits = 87,
    /// <summary><c>srv_icur</c>.</summary>
    SrvICur = 88,
    /// <summary><c>src_ilim</c>.</summary>
    SrcILim = 89,
    /// <summary><c>qtime_max</c>.</summary>
    QTimeMax = 90,
    /// <summary><c>ctime_max</c>.</summary>
    CTimeMax = 91,
    /// <summary><c>rtime_max</c>.</summary>
    RTimeMax = 92,
    /// <summary><c>ttime_max</c>.</summary>
    TTimeMax = 93,
    /// <summary><c>eint</c>.</summary>
    EInt = 94,
    /// <summary><c>idle_conn_cur</c>.</summary>
    IdleConnCur = 95,
    /// <summary><c>safe_conn_cur</c>.</summary>
    SafeConnCur = 96,
    /// <summary><c>used_conn_cur</c>.</summary>
    UsedConnCur = 97,
    /// <summary><c>need_conn_est</c>.</summary>
    NeedConnEst = 98,
    /// <summary><c>uweight</c>.</summary>
    UWeight = 99,
    /// <summary><c>agg_server_status</c>.</summary>
    AggServerStatus = 100,
    /// <summary><c>agg_server_check_status</c>.</summary>
    AggServerCheckStatus = 101,
    /// <summary><c>agg_check_status</c>.</summary>
    AggCheckStatus = 102,
    /// <summary>the <c>-</c> separator.</summary>
    ModuleSeparator = 103,
    /// <summary><c>ssl_sess</c>.</summary>
    SslSess = 104,
    /// <summary><c>ssl_reused_sess</c>.</summary>
    SslReusedSess = 105,
    /// <summary><c>ssl_failed_handshake</c>.</summary>
    SslFailedHandshake = 106,
    /// <summary><c>h2_headers_rcvd</c>.</summary>
    H2HeadersRcvd = 107,
    /// <summary><c>h2_data_rcvd</c>.</summary>
    H2DataRcvd = 108,
    /// <summary><c>h2_settings_rcvd</c>.</summary>
    H2SettingsRcvd = 109,
    /// <summary><c>h2_rst_stream_rcvd</c>.</summary>
    H2RstStreamRcvd = 110,
    /// <summary><c>h2_goaway_rcvd</c>.</summary>
    H2GoawayRcvd = 111,
    /// <summary><c>h2_detected_conn_protocol_errors</c>.</summary>
    H2DetectedConnProtocolErrors = 112,
    /// <summary><c>h2_detected_strm_protocol_errors</c>.</summary>
    H2DetectedStrmProtocolErrors = 113,
    /// <summary><c>h2_rst_stream_resp</c>.</summary>
    H2RstStreamResp = 114,
    /// <summary><c>h2_goaway_resp</c>.</summary>
    H2GoawayResp = 115,
    /// <summary><c>h2_open_connections</c>.</summary>
    H2OpenConnections = 116,
    /// <summary><c>h2_backend_open_streams</c>.</summary>
    H2BackendOpenStreams = 117,
    /// <summary><c>h2_total_connections</c>.</summary>
    H2TotalConnections = 118,
    /// <summary><c>h2_backend_total_streams</c>.</summary>
    H2BackendTotalStreams = 119,
    /// <summary><c>h1_open_connections</c>.</summary>
    H1OpenConnections = 120,
    /// <summary><c>h1_open_streams</c>.</summary>
    H1OpenStreams = 121,
    /// <summary><c>h1_total_connections</c>.</summary>
    H1TotalConnections = 122,
    /// <summary><c>h1_total_streams</c>.</summary>
    H1TotalStreams = 123,
    /// <summary><c>h1_bytes_in</c>.</summary>
    H1BytesIn = 124,
    /// <summary><c>h1_bytes_out</c>.</summary>
    H1BytesOut = 125,
    /// <summary><c>h1_spliced_bytes_in</c>.</summary>
    H1SplicedBytesIn = 126,
    /// <summary><c>h1_spliced_bytes_out</c>.</summary>
    H1SplicedBytesOut = 127,}
