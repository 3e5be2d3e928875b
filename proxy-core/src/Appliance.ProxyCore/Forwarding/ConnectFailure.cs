namespace Appliance.ProxyCore.Forwarding;

/// <summary>Why no server connection could be made (HAProxy's termination states in brackets).</summary>
public enum ConnectFailure
{
    None,

    /// <summary>No usable server in the backend [SC → 503 in HTTP].</summary>
    NoServer,

    /// <summary>Every usable server stayed at its maxconn for the whole <c>timeout queue</c> [sQ].</summary>
    QueueTimeout,

    /// <summary>
    /// Persistence named a server at its maxconn whose own queue held <c>maxqueue</c> clients, and
    /// <c>option redispatch</c> is off [SQ → 503 in HTTP].
    /// </summary>
    QueueFull,

    /// <summary>Every attempt failed (refused, unreachable or <c>timeout connect</c>) [SC].</summary>
    ConnectFailed,

    /// <summary>The proxy is stopping.</summary>
    Aborted,
}
