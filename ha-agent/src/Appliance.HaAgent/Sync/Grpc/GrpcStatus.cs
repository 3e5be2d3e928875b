using System.Globalization;

namespace Appliance.HaAgent.Sync.Grpc;

/// <summary>A call's final status: the code and message carried by <c>grpc-status</c> and <c>grpc-message</c>.</summary>
/// <param name="Code">The status code.</param>
/// <param name="Detail">The decoded message; empty when none.</param>
public readonly record struct GrpcStatus(StatusCode Code, string Detail)
{
    /// <summary>The OK status with no message.</summary>
    public static GrpcStatus Ok { get; } = new(StatusCode.OK, string.Empty);

    /// <summary>The <c>grpc-status</c> value: the code as decimal ASCII.</summary>
    public string StatusValue => ((int)Code).ToString(CultureInfo.InvariantCulture);

    /// <summary>The <c>grpc-message</c> value (percent-encoded), or null when there is no message to send.</summary>
    public string? MessageValue => Detail.Length == 0 ? null : GrpcStatusMessage.Encode(Detail);

    /// <summary>
    /// Reads a status from trailers (or trailers-only headers): null when <c>grpc-status</c> is absent. A value that is
    /// not a decimal number gives <see cref="StatusCode.Unknown"/> (grpc-core's reading of a malformed status); a
    /// number outside 0..16 keeps its value, as gRPC status codes may grow.
    /// </summary>
    /// <param name="getHeader">Looks a header up by lower-case name; null when absent.</param>
    public static GrpcStatus? Read(Func<string, string?> getHeader)
    {
        var status = getHeader(GrpcProtocol.StatusHeader);
        if (status is null)
        {
            return null;
        }

        var message = getHeader(GrpcProtocol.MessageHeader);
        var detail = message is null ? string.Empty : GrpcStatusMessage.Decode(message);
        if (!int.TryParse(status, NumberStyles.None, CultureInfo.InvariantCulture, out var code))
        {
            return new GrpcStatus(StatusCode.Unknown, $"invalid grpc-status '{status}'" + (detail.Length > 0 ? $": {detail}" : string.Empty));
        }

        return new GrpcStatus((StatusCode)code, detail);
    }

    /// <summary>The exception a client throws for this (non-OK) status.</summary>
    public RpcException ToException() => new(Code, Detail);
}
