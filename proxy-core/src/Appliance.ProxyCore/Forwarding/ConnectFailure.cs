namespace Appliance.ProxyCore.Forwarding;

/// <summary>Why no server connection could be made (HAProxy's termination states in brackets).</summary>
public enum ConnectFailure
{
    None,

    /// <summary>No usable server in the backend [SC → 503 in HTTP].</summary>
    NoServer,

    /// <summary>Every usable server stayed at its maxconn for the whole <c>timeout queue</c> [sQ].</summary>
    QueueTimeout,

    /// <summary>Every attempt failed (refused, unreachable or <c>timeout connect</c>) [SC].</summary>
    ConnectFailed,

    /// <summary>The proxy is stopping.</summary>
    Aborted,
}
