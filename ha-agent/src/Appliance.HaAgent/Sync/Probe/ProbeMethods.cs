using Appliance.HaAgent.Sync.Grpc;
using Appliance.HaAgent.Sync.Protos;

namespace Appliance.HaAgent.Sync.Probe;

/// <summary>The methods of <c>appliance.sync.v1.Probe</c> (Sync/Protos/probe.proto), for servers and clients.</summary>
public static class ProbeMethods
{
    /// <summary>The service's full name.</summary>
    public const string ServiceName = "appliance.sync.v1.Probe";

    /// <summary>Unary: the text back, with the caller's identity.</summary>
    public static GrpcMethod<EchoRequest, EchoReply> Echo { get; } =
        new(MethodType.Unary, $"/{ServiceName}/Echo", EchoRequest.Parser, EchoReply.Parser);

    /// <summary>Server streaming: 1..count.</summary>
    public static GrpcMethod<CountRequest, CountReply> Count { get; } =
        new(MethodType.ServerStreaming, $"/{ServiceName}/Count", CountRequest.Parser, CountReply.Parser);

    /// <summary>Client streaming: the sum of the values.</summary>
    public static GrpcMethod<SumRequest, SumReply> Sum { get; } =
        new(MethodType.ClientStreaming, $"/{ServiceName}/Sum", SumRequest.Parser, SumReply.Parser);

    /// <summary>Bidirectional streaming: each message back at once, upper-cased and numbered.</summary>
    public static GrpcMethod<ChatMessage, ChatMessage> Chat { get; } =
        new(MethodType.DuplexStreaming, $"/{ServiceName}/Chat", ChatMessage.Parser, ChatMessage.Parser);
}
