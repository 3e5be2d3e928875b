namespace Appliance.HaAgent.Sync.Grpc;

/// <summary>Names and numbers of the gRPC wire protocol (gRPC's doc/PROTOCOL-HTTP2.md).</summary>
public static class GrpcProtocol
{
    /// <summary>The content type of every gRPC request and response ("Content-Type → 'content-type' 'application/grpc' [('+proto' / '+json' / {custom})]").</summary>
    public const string ContentType = "application/grpc";

    /// <summary>Trailer (or trailers-only header) carrying the status code as decimal ASCII ("Status → 'grpc-status' 1*DIGIT").</summary>
    public const string StatusHeader = "grpc-status";

    /// <summary>Trailer carrying the percent-encoded status message ("Status-Message → 'grpc-message' Percent-Encoded").</summary>
    public const string MessageHeader = "grpc-message";

    /// <summary>Request header with the call's timeout ("Timeout → 'grpc-timeout' TimeoutValue TimeoutUnit").</summary>
    public const string TimeoutHeader = "grpc-timeout";

    /// <summary>Header naming the message compression ("Message-Encoding → 'grpc-encoding' Content-Coding").</summary>
    public const string EncodingHeader = "grpc-encoding";

    /// <summary>Header listing the encodings a peer accepts; we accept only <c>identity</c> (no compression).</summary>
    public const string AcceptEncodingHeader = "grpc-accept-encoding";

    /// <summary>The only encoding this implementation speaks: none.</summary>
    public const string IdentityEncoding = "identity";

    /// <summary>Bytes before each message: the compressed flag (1) and the big-endian length (4) ("Length-Prefixed-Message").</summary>
    public const int FrameHeaderSize = 5;

    /// <summary>
    /// Default largest message a side accepts: 4 MiB, gRPC's default for received messages
    /// (GRPC_DEFAULT_MAX_RECV_MESSAGE_LENGTH in grpc-core, grpc-js and grpc-dotnet alike).
    /// </summary>
    public const int DefaultMaxReceiveMessageSize = 4 * 1024 * 1024;

    /// <summary>True for <c>application/grpc</c> and its <c>+proto</c>-style or parameterized forms, false for anything else (gRPC-Web included).</summary>
    public static bool IsGrpcContentType(string? contentType)
    {
        if (contentType is null || !contentType.StartsWith(ContentType, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return contentType.Length == ContentType.Length || contentType[ContentType.Length] is '+' or ';';
    }

    /// <summary>True for a method path <c>/package.Service/Method</c> with non-empty parts, no other slash and no whitespace.</summary>
    public static bool IsValidMethodName(string name)
    {
        if (name.Length < 4 || name[0] != '/')
        {
            return false;
        }

        var slash = name.IndexOf('/', 1);
        return slash > 1 && slash < name.Length - 1
            && name.IndexOf('/', slash + 1) < 0
            && !name.Any(char.IsWhiteSpace);
    }
}
