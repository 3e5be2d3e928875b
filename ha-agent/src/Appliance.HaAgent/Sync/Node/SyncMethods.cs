using Appliance.HaAgent.Sync.Grpc;
using Proto = Appliance.HaAgent.Sync.Protos;

namespace Appliance.HaAgent.Sync.Node;

/// <summary>The methods of <c>appliance.sync.v1.Sync</c> (Sync/Protos/sync.proto), for servers and clients.</summary>
public static class SyncMethods
{
    /// <summary>The service's full name.</summary>
    public const string ServiceName = "appliance.sync.v1.Sync";

    /// <summary>Bidirectional: the master's changes in, the backup's acks out.</summary>
    public static GrpcMethod<Proto.ReplicationMessage, Proto.ReplicationAck> Replicate { get; } =
        new(MethodType.DuplexStreaming, $"/{ServiceName}/Replicate", Proto.ReplicationMessage.Parser, Proto.ReplicationAck.Parser);

    /// <summary>Server streaming: the node's state as snapshot chunks.</summary>
    public static GrpcMethod<Proto.PullRequest, Proto.SnapshotChunk> Pull { get; } =
        new(MethodType.ServerStreaming, $"/{ServiceName}/Pull", Proto.PullRequest.Parser, Proto.SnapshotChunk.Parser);

    /// <summary>Unary: the node's own status.</summary>
    public static GrpcMethod<Proto.StatusRequest, Proto.NodeStatus> GetStatus { get; } =
        new(MethodType.Unary, $"/{ServiceName}/GetStatus", Proto.StatusRequest.Parser, Proto.NodeStatus.Parser);

    /// <summary>Unary: configuration phase one.</summary>
    public static GrpcMethod<Proto.ConfigProposal, Proto.ConfigVote> PrepareConfig { get; } =
        new(MethodType.Unary, $"/{ServiceName}/PrepareConfig", Proto.ConfigProposal.Parser, Proto.ConfigVote.Parser);

    /// <summary>Unary: configuration phase two.</summary>
    public static GrpcMethod<Proto.ConfigDecision, Proto.ConfigDecisionReply> CommitConfig { get; } =
        new(MethodType.Unary, $"/{ServiceName}/CommitConfig", Proto.ConfigDecision.Parser, Proto.ConfigDecisionReply.Parser);

    /// <summary>Unary: drop a staged configuration.</summary>
    public static GrpcMethod<Proto.ConfigDecision, Proto.ConfigDecisionReply> AbortConfig { get; } =
        new(MethodType.Unary, $"/{ServiceName}/AbortConfig", Proto.ConfigDecision.Parser, Proto.ConfigDecisionReply.Parser);

    /// <summary>Unary: planned switchover request.</summary>
    public static GrpcMethod<Proto.TakeoverRequest, Proto.TakeoverReply> Takeover { get; } =
        new(MethodType.Unary, $"/{ServiceName}/Takeover", Proto.TakeoverRequest.Parser, Proto.TakeoverReply.Parser);
}
