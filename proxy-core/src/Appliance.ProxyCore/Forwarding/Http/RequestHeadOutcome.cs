namespace Appliance.ProxyCore.Forwarding.Http;

/// <summary>How waiting for the next request head on a client connection ended.</summary>
internal enum RequestHeadOutcome
{
    /// <summary>A valid head was parsed.</summary>
    Ready,

    /// <summary>The client closed (or stayed silent past the keep-alive timeout) between requests: close quietly.</summary>
    Closed,

    /// <summary>Part of a head arrived but not the rest within <c>timeout http-request</c>: answer 408.</summary>
    TimedOut,

    /// <summary>The head is malformed: answer with the parser's status (400, 431, 501, 505).</summary>
    Rejected,
}
