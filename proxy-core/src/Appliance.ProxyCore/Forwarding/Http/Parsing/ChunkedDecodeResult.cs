namespace Appliance.ProxyCore.Forwarding.Http.Parsing;

/// <summary>What one call to <see cref="ChunkedDecoder"/> returns.</summary>
public readonly struct ChunkedDecodeResult
{
    internal ChunkedDecodeResult(ChunkedDecodeStatus status, SequencePosition consumed, SequencePosition examined, SequencePosition forwardEnd, bool appendFinalCrlf, RejectReason reason)
    {
        Status = status;
        Consumed = consumed;
        Examined = examined;
        ForwardEnd = forwardEnd;
        AppendFinalCrlf = appendFinalCrlf;
        Reason = reason;
    }

    public ChunkedDecodeStatus Status { get; }

    /// <summary>The decoder has taken in everything before this position (its state remembers partial lines).</summary>
    public SequencePosition Consumed { get; }

    /// <summary>The end of the buffer on NeedMoreData, else Consumed.</summary>
    public SequencePosition Examined { get; }

    /// <summary>
    /// (Validate) Forward the bytes from the buffer's start to here, unchanged. Equals Consumed unless trailers are
    /// being dropped, in which case it stops at the end of the last-chunk line.
    /// </summary>
    public SequencePosition ForwardEnd { get; }

    /// <summary>(Validate, Complete) With dropped trailers, write <see cref="ChunkedDecoder.FinalCrlf"/> after the forwarded bytes to end the body.</summary>
    public bool AppendFinalCrlf { get; }

    /// <summary>Why the body was refused; <see cref="RejectReason.None"/> unless Status is Error.</summary>
    public RejectReason Reason { get; }

    public override string ToString() => Status == ChunkedDecodeStatus.Error
        ? $"Error {RejectReasons.Code(Reason)}: {RejectReasons.Message(Reason)}"
        : Status.ToString();
}
