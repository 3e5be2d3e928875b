namespace Appliance.Tests.Common.Http;

/// <summary>Where a malformed request's fault lies, which tells a live test what it can expect on the wire.</summary>
public enum MalformedPart
{
    /// <summary>In the head: the proxy refuses before anything reaches a server, so the client gets the status.</summary>
    Head,

    /// <summary>
    /// In the chunked body: the head is valid, so a proxy may already have forwarded it; the client gets the status if
    /// the proxy had not yet answered or streamed, else a closed connection. The server must never see the bad bytes.
    /// </summary>
    Body,
}
