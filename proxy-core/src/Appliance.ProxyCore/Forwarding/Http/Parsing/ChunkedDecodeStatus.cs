namespace Appliance.ProxyCore.Forwarding.Http.Parsing;

/// <summary>The outcome of one call to the chunked decoder.</summary>
public enum ChunkedDecodeStatus
{
    /// <summary>Everything given was valid and used; call again with more bytes.</summary>
    NeedMoreData,

    /// <summary>(Read only) <c>data</c> holds chunk data; call again with the rest of the buffer.</summary>
    Data,

    /// <summary>The last chunk, trailers and final CRLF have been seen: the body is over; the next message starts at Consumed.</summary>
    Complete,

    /// <summary>The body is malformed; see the reason. Stop forwarding and close (answer 400 if nothing was sent yet; 502 for responses).</summary>
    Error,
}
