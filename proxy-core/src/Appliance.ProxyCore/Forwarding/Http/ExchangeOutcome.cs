namespace Appliance.ProxyCore.Forwarding.Http;

/// <summary>What one attempt to forward a request on a server connection led to.</summary>
internal enum ExchangeOutcome
{
    /// <summary>Done; the client connection stays open for the next request.</summary>
    KeepAlive,

    /// <summary>Done (or failed after the response started); close the client connection.</summary>
    Close,

    /// <summary>A reused idle connection turned out closed before any response byte: try once on a fresh one.</summary>
    RetryFresh,
}
