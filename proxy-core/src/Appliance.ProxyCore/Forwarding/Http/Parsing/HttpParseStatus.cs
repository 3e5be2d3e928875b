namespace Appliance.ProxyCore.Forwarding.Http.Parsing;

/// <summary>The outcome of one call to a head parser.</summary>
public enum HttpParseStatus
{
    /// <summary>The head is not complete yet: advance the pipe to Consumed/Examined and call again with more bytes.</summary>
    NeedMoreData,

    /// <summary>The head is complete and valid; the body (if any) starts at Consumed.</summary>
    Complete,

    /// <summary>The message is refused; see the reason. Answer with the status and close the connection.</summary>
    Error,
}
