using Google.Protobuf;

namespace Appliance.HaAgent.Sync.Grpc;

/// <summary>
/// Describes one method for both sides: its kind, its full name <c>/package.Service/Method</c> (the HTTP/2
/// <c>:path</c>, PROTOCOL-HTTP2.md "Requests": Path → ":path" "/" Service-Name "/" {method name}) and how to parse
/// its messages.
/// </summary>
public sealed class GrpcMethod<TRequest, TResponse>
    where TRequest : IMessage<TRequest>
    where TResponse : IMessage<TResponse>
{
    /// <summary>Describes a method; <paramref name="fullName"/> must look like <c>/package.Service/Method</c>.</summary>
    public GrpcMethod(MethodType type, string fullName, MessageParser<TRequest> requestParser, MessageParser<TResponse> responseParser)
    {
        if (!GrpcProtocol.IsValidMethodName(fullName))
        {
            throw new ArgumentException($"gRPC method name '{fullName}' is not of the form /package.Service/Method", nameof(fullName));
        }

        Type = type;
        FullName = fullName;
        RequestParser = requestParser;
        ResponseParser = responseParser;
    }

    /// <summary>The call kind.</summary>
    public MethodType Type { get; }

    /// <summary>The full name, <c>/package.Service/Method</c>.</summary>
    public string FullName { get; }

    /// <summary>Parses request messages (on the server).</summary>
    public MessageParser<TRequest> RequestParser { get; }

    /// <summary>Parses response messages (on the client).</summary>
    public MessageParser<TResponse> ResponseParser { get; }

    /// <inheritdoc />
    public override string ToString() => FullName;
}
