using Appliance.Contracts;
using Appliance.Contracts.Replication;
using Appliance.HaAgent.Sync.Grpc;
using Appliance.HaAgent.Sync.Replication;
using Appliance.HaAgent.Sync.Server;
using Proto = Appliance.HaAgent.Sync.Protos;

namespace Appliance.HaAgent.Sync.Node;

/// <summary>The server side: the handlers of <c>appliance.sync.v1.Sync</c>.</summary>
public sealed partial class SyncNode
{
    private GrpcServiceRegistry Register(GrpcServiceRegistry services) => services
        .AddDuplexStreaming(SyncMethods.Replicate, ReplicateAsync)
        .AddServerStreaming(SyncMethods.Pull, PullHandlerAsync)
        .AddUnary(SyncMethods.GetStatus, (_, _) => Task.FromResult(BuildNodeStatus()))
        .AddUnary(SyncMethods.PrepareConfig, PrepareConfigAsync)
        .AddUnary(SyncMethods.CommitConfig, CommitConfigAsync)
        .AddUnary(SyncMethods.AbortConfig, AbortConfig)
        .AddUnary(SyncMethods.Takeover, TakeoverAsync);

    /// <summary>A master's stream to this node (see <see cref="BackupReplicator"/> for the rules).</summary>
    private async Task ReplicateAsync(
        IAsyncEnumerable<Proto.ReplicationMessage> requests, IServerStreamWriter<Proto.ReplicationAck> acks, ServerCallContext context)
    {
        // Ends with the call, or when this node stops (so stopping does not wait for the master to hang up).
        using var call = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, _stopping.Token);
        var messages = requests.GetAsyncEnumerator(call.Token);
        await using (messages.ConfigureAwait(false))
        {
            if (!await messages.MoveNextAsync().ConfigureAwait(false) || messages.Current.BodyCase != Proto.ReplicationMessage.BodyOneofCase.Hello)
            {
                throw new RpcException(StatusCode.InvalidArgument, "a replication stream starts with a hello");
            }

            var hello = messages.Current.Hello;
            var opened = _backup.OnHello(hello, Role == HaRole.Master);
            await acks.WriteAsync(opened.Ack).ConfigureAwait(false);
            if (opened.Refusal is { } refusal)
            {
                SyncLog.UpstreamRefused(_logger, hello.Node, (long)hello.Epoch, refusal);
                throw new RpcException(StatusCode.FailedPrecondition, refusal);
            }

            SyncLog.UpstreamAccepted(_logger, hello.Node, (long)hello.Epoch);
            try
            {
                while (await messages.MoveNextAsync().ConfigureAwait(false))
                {
                    if (Role == HaRole.Master)
                    {
                        throw new RpcException(StatusCode.FailedPrecondition, $"{NodeName} became master");
                    }

                    Proto.ReplicationAck? ack;
                    try
                    {
                        ack = _backup.OnMessage(opened.StreamId, messages.Current);
                    }
                    catch (InvalidOperationException e)
                    {
                        throw new RpcException(StatusCode.Aborted, e.Message);
                    }

                    if (ack is not null)
                    {
                        await acks.WriteAsync(ack).ConfigureAwait(false);
                    }
                }
            }
            finally
            {
                _backup.OnStreamEnded(opened.StreamId);
            }
        }
    }

    /// <summary>This node's state as snapshot chunks, for a peer's pull.</summary>
    private async Task PullHandlerAsync(Proto.PullRequest request, IServerStreamWriter<Proto.SnapshotChunk> chunks, ServerCallContext context)
    {
        _epochs.Observe((long)request.Epoch);
        var snapshot = SnapshotBuilder.Build(
            _options.StickTables, _options.ServerHealth, _log.Head, NodeName, _epochs.Highest, _established, _options.SnapshotChunkEntries);
        foreach (var chunk in snapshot)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            await chunks.WriteAsync(chunk).ConfigureAwait(false);
        }
    }

    private Proto.NodeStatus BuildNodeStatus()
    {
        var role = Role;
        var status = new Proto.NodeStatus
        {
            Node = NodeName,
            Role = role.ToString().ToLowerInvariant(),
            Epoch = (ulong)(role == HaRole.Master ? _epochs.Own : _epochs.Accepted.Epoch),
            Config = ProtoMapping.ToProto(_configGate.Running),
            AppliedSequence = (ulong)(role == HaRole.Master ? _log.Head : _backup.AppliedSequence),
            InitialSyncDone = InitialSyncDone,
            Established = _established,
        };
        if (role != HaRole.Master && _backup.Lag is { } lag)
        {
            status.LagMs = (uint)Math.Min(uint.MaxValue, lag.TotalMilliseconds);
        }

        foreach (var table in TableSizes())
        {
            status.TableSizes[table.Table] = (ulong)table.Entries;
        }

        return status;
    }

    private async Task<Proto.ConfigVote> PrepareConfigAsync(Proto.ConfigProposal request, ServerCallContext context)
    {
        var vote = await _configGate.PrepareAsync(
            new ConfigProposal((long)request.Version, request.SharedText, request.Sha256, request.Origin), context.CancellationToken).ConfigureAwait(false);
        var reply = new Proto.ConfigVote { Node = NodeName, Accepted = vote.Accepted };
        reply.Errors.AddRange(vote.Errors);
        return reply;
    }

    private async Task<Proto.ConfigDecisionReply> CommitConfigAsync(Proto.ConfigDecision request, ServerCallContext context)
    {
        try
        {
            var running = await _configGate.CommitAsync((long)request.Version, context.CancellationToken).ConfigureAwait(false);
            return new Proto.ConfigDecisionReply { Node = NodeName, Running = ProtoMapping.ToProto(running) };
        }
        catch (InvalidOperationException e)
        {
            throw new RpcException(StatusCode.FailedPrecondition, e.Message);
        }
    }

    private Task<Proto.ConfigDecisionReply> AbortConfig(Proto.ConfigDecision request, ServerCallContext context)
    {
        _configGate.Abort((long)request.Version);
        return Task.FromResult(new Proto.ConfigDecisionReply { Node = NodeName, Running = ProtoMapping.ToProto(_configGate.Running) });
    }

    private async Task<Proto.TakeoverReply> TakeoverAsync(Proto.TakeoverRequest request, ServerCallContext context)
    {
        var upstream = _backup.Status;
        var applied = upstream is not null && upstream.Master == request.From ? upstream.AppliedSequence : 0;
        var caughtUp = upstream is not null && upstream.Master == request.From && applied >= (long)request.HeadSequence;
        TakeoverResult result;
        if (_options.Takeover is not { } handler)
        {
            result = new TakeoverResult(NodeName, false, $"{NodeName} has no takeover handler");
        }
        else if (request.Release)
        {
            result = await handler.ReleaseAsync(request.From, context.CancellationToken).ConfigureAwait(false);
        }
        else if (Role == HaRole.Master)
        {
            result = new TakeoverResult(NodeName, false, $"{NodeName} is already master");
        }
        else
        {
            result = await handler.TakeOverAsync(new TakeoverRequest(request.From, (long)request.Epoch, applied, caughtUp, request.HoldMs == 0 ? null : TimeSpan.FromMilliseconds(request.HoldMs)), context.CancellationToken).ConfigureAwait(false);
        }

        SyncLog.TakeoverAsked(_logger, request.From, result.Accepted, result.Detail);
        return new Proto.TakeoverReply { Node = result.Node, Accepted = result.Accepted, Detail = result.Detail };
    }

}
