namespace Appliance.ProxyCore.Logging;

/// <summary>Which line a frontend logs, from its options.</summary>
public enum AccessLogFormat
{
    /// <summary>Neither <c>option tcplog</c> nor <c>httplog</c>: <c>Connect from ... to ... (FE/MODE)</c> (manual 8.2.1).</summary>
    Default,

    /// <summary><c>option tcplog</c>, or <c>option httplog</c> on a TCP frontend (HAProxy falls back the same way).</summary>
    Tcp,

    /// <summary><c>option httplog</c> or <c>option httpslog</c> on an HTTP frontend.</summary>
    Http,
}
