namespace Appliance.ProxyCore.Forwarding.Http.Parsing;

/// <summary>
/// What a head parser returns: the status, how far the caller may advance the pipe, and on error why.
/// The caller does <c>reader.AdvanceTo(result.Consumed, result.Examined)</c> after every NeedMoreData or Complete.
/// </summary>
public readonly struct HttpParseResult
{
    private HttpParseResult(HttpParseStatus status, SequencePosition consumed, SequencePosition examined, RejectReason reason, int statusCode)
    {
        Status = status;
        Consumed = consumed;
        Examined = examined;
        Reason = reason;
        StatusCode = statusCode;
    }

    public HttpParseStatus Status { get; }

    /// <summary>
    /// Everything before this position has been copied into the head and may be released. On NeedMoreData it is the
    /// start of the incomplete line; on Complete it is the first byte after the head (where the body starts).
    /// </summary>
    public SequencePosition Consumed { get; }

    /// <summary>Everything before this position has been looked at: the end of the buffer on NeedMoreData, else Consumed.</summary>
    public SequencePosition Examined { get; }

    /// <summary>Why the message was refused; <see cref="RejectReason.None"/> unless Status is Error.</summary>
    public RejectReason Reason { get; }

    /// <summary>The status to answer with on Error (400, 431, 501, 505 for requests; 502 for responses); 0 otherwise.</summary>
    public int StatusCode { get; }

    public bool IsComplete => Status == HttpParseStatus.Complete;

    public bool IsError => Status == HttpParseStatus.Error;

    internal static HttpParseResult NeedMoreData(SequencePosition consumed, SequencePosition examined) =>
        new(HttpParseStatus.NeedMoreData, consumed, examined, RejectReason.None, 0);

    internal static HttpParseResult Complete(SequencePosition consumed) =>
        new(HttpParseStatus.Complete, consumed, consumed, RejectReason.None, 0);

    internal static HttpParseResult Error(RejectReason reason, int statusCode, SequencePosition position) =>
        new(HttpParseStatus.Error, position, position, reason, statusCode);

    public override string ToString() => Status == HttpParseStatus.Error
        ? $"Error {StatusCode} {RejectReasons.Code(Reason)}: {RejectReasons.Message(Reason)}"
        : Status.ToString();
}
