namespace Appliance.HaAgent.Sync.Grpc;

/// <summary>The four kinds of gRPC call: how many messages each side sends.</summary>
public enum MethodType
{
    /// <summary>One request, one response.</summary>
    Unary,

    /// <summary>One request, a stream of responses.</summary>
    ServerStreaming,

    /// <summary>A stream of requests, one response.</summary>
    ClientStreaming,

    /// <summary>A stream each way, independent of each other (bidirectional streaming).</summary>
    DuplexStreaming,
}
