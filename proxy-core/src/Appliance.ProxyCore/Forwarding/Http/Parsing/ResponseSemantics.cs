namespace Appliance.ProxyCore.Forwarding.Http.Parsing;

/// <summary>The checks that need the whole response head, and the framing decision of RFC 9112 §6.3.</summary>
internal static class ResponseSemantics
{
    /// <summary>
    /// Validates the framing fields (the same strictness as requests: Content-Length with Transfer-Encoding, repeated
    /// or listed Content-Length, codings other than a lone chunked: all refused) and decides, in RFC 9112 §6.3 order:
    /// 1xx, a response to HEAD, 204 and 304 have no body (their Content-Length, if valid, is metadata and ignored);
    /// a 2xx to CONNECT and a 101 turn the connection into a tunnel; then chunked; then Content-Length; else the body
    /// runs until the server closes.
    /// </summary>
    public static RejectReason Apply(HttpResponseHead head, HttpMethodKind requestMethod)
    {
        var reason = FramingFields.Read(head, out var framing);
        if (reason != RejectReason.None)
        {
            return reason;
        }

        head.ConnectionOptions = framing.Connection;
        var persists = FramingFields.Persists(head.Version, framing.Connection);
        var status = head.StatusCode;
        if (status == 101 || (requestMethod == HttpMethodKind.Connect && status is >= 200 and < 300))
        {
            head.Framing = BodyFraming.Tunnel;
            head.MustClose = true;
        }
        else if (status < 200)
        {
            // Interim: the connection's fate is decided by the final response that follows.
            head.Framing = BodyFraming.None;
        }
        else if (requestMethod == HttpMethodKind.Head || status is 204 or 304)
        {
            head.Framing = BodyFraming.None;
            head.MustClose = !persists;
        }
        else if (framing.HasTransferEncoding)
        {
            head.Framing = BodyFraming.Chunked;
            head.MustClose = !persists;
        }
        else if (framing.ContentLength >= 0)
        {
            head.Framing = BodyFraming.ContentLength;
            head.ContentLength = framing.ContentLength;
            head.MustClose = !persists;
        }
        else
        {
            head.Framing = BodyFraming.ReadUntilClose;
            head.MustClose = true;
        }

        return RejectReason.None;
    }
}
