using System.Net;

namespace Appliance.HaAgent.Sync.Grpc;

/// <summary>
/// What a client makes of HTTP-level failures: a non-200 response without <c>grpc-status</c> (gRPC's
/// doc/http-grpc-status-mapping.md) and an HTTP/2 RST_STREAM error code (PROTOCOL-HTTP2.md "Errors").
/// </summary>
public static class GrpcHttpMapping
{
    /// <summary>
    /// http-grpc-status-mapping.md: 400 → INTERNAL, 401 → UNAUTHENTICATED, 403 → PERMISSION_DENIED, 404 →
    /// UNIMPLEMENTED, 429, 502, 503, 504 → UNAVAILABLE, any other → UNKNOWN.
    /// </summary>
    public static StatusCode FromHttpStatus(HttpStatusCode status) => (int)status switch
    {
        400 => StatusCode.Internal,
        401 => StatusCode.Unauthenticated,
        403 => StatusCode.PermissionDenied,
        404 => StatusCode.Unimplemented,
        429 or 502 or 503 or 504 => StatusCode.Unavailable,
        _ => StatusCode.Unknown,
    };

    /// <summary>
    /// PROTOCOL-HTTP2.md "Errors", HTTP2 code → gRPC code: REFUSED_STREAM (0x7) → UNAVAILABLE, CANCEL (0x8) →
    /// CANCELLED, ENHANCE_YOUR_CALM (0xb) → RESOURCE_EXHAUSTED, INADEQUATE_SECURITY (0xc) → PERMISSION_DENIED, every
    /// other code (NO_ERROR, PROTOCOL_ERROR, INTERNAL_ERROR, FLOW_CONTROL_ERROR, SETTINGS_TIMEOUT, FRAME_SIZE_ERROR,
    /// COMPRESSION_ERROR, CONNECT_ERROR) → INTERNAL.
    /// </summary>
    public static StatusCode FromHttp2ErrorCode(long errorCode) => errorCode switch
    {
        0x7 => StatusCode.Unavailable,
        0x8 => StatusCode.Cancelled,
        0xb => StatusCode.ResourceExhausted,
        0xc => StatusCode.PermissionDenied,
        _ => StatusCode.Internal,
    };
}
