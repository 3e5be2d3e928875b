namespace Appliance.ProxyCore.Forwarding.Http.Parsing;

/// <summary>
/// Why a message was refused. Every refusal of the parsers and the chunked decoder is one of these, so logs, metrics
/// and tests share the same words: <see cref="RejectReasons"/> holds each one's stable short code, message and the
/// status a request gets (a response that fails to parse is always answered with 502 by the caller).
/// </summary>
/// <remarks>The numeric values are indexes into the table in <see cref="RejectReasons"/>; append new members at the end.</remarks>
public enum RejectReason
{
    /// <summary>Not a rejection.</summary>
    None = 0,

    // Line structure (RFC 9112 §2.2).
    BareLineFeed,
    BareCarriageReturn,
    TooManyEmptyLines,
    HeaderSectionTooLarge,
    HeaderCountExceeded,

    // Request line (RFC 9112 §3).
    RequestLineInvalid,
    MethodInvalid,
    TargetInvalid,
    TargetFormInvalid,
    VersionMissing,
    VersionInvalid,
    VersionUnsupported,

    // Status line (RFC 9112 §4).
    StatusLineInvalid,
    StatusCodeInvalid,

    // Field lines (RFC 9112 §5).
    ObsFold,
    HeaderNameWhitespace,
    HeaderNameInvalid,
    HeaderNameEmpty,
    HeaderColonMissing,
    HeaderValueControlChar,

    // Host (RFC 9112 §3.2, RFC 9110 §7.2).
    HostMissing,
    HostDuplicate,
    HostInvalid,
    HostMismatch,

    // Framing (RFC 9112 §6).
    ContentLengthInvalid,
    ContentLengthList,
    ContentLengthDuplicate,
    ContentLengthOverflow,
    TransferEncodingWithContentLength,
    TransferEncodingInvalid,
    TransferEncodingNotChunked,
    TransferEncodingChunkedRepeated,
    TransferEncodingUnsupported,
    TransferEncodingHttp10,
    ConnectionInvalid,
    ConnectWithBody,

    // Chunked coding (RFC 9112 §7.1).
    ChunkSizeInvalid,
    ChunkSizeOverflow,
    ChunkExtensionInvalid,
    ChunkExtensionTooLong,
    ChunkDataOverrun,
    TrailerSectionTooLarge,
    TrailerCountExceeded,
    TrailerFieldForbidden,
}
