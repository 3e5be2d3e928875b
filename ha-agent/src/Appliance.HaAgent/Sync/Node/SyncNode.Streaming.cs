using Appliance.Contracts;
using Appliance.HaAgent.Sync.Client;
using Appliance.HaAgent.Sync.Replication;
using Proto = Appliance.HaAgent.Sync.Protos;

namespace Appliance.HaAgent.Sync.Node;

/// <summary>The master's replication stream to one peer: hello, snapshots, deltas, heartbeats, and the acks.</summary>
public sealed partial class SyncNode
{
    /// <summary>One stream: hello, then snapshots, deltas and heartbeats until it fails (it never ends otherwise).</summary>
    private async Task StreamAsync(PeerLink peer, CancellationToken mastership)
    {
        using var streamCts = CancellationTokenSource.CreateLinkedTokenSource(mastership);
        var call = peer.Channel.DuplexStreaming(SyncMethods.Replicate, new CallOptions(CancellationToken: streamCts.Token));
        await using (call.ConfigureAwait(false))
        {
            var epoch = _epochs.Own;
            await call.WriteAsync(new Proto.ReplicationMessage
            {
                Hello = new Proto.Hello { Node = NodeName, Epoch = (ulong)epoch, Config = ProtoMapping.ToProto(_configGate.Running), HeadSequence = (ulong)_log.Head },
            }).ConfigureAwait(false);
            var acks = call.ReadAllAsync(streamCts.Token).GetAsyncEnumerator(streamCts.Token);
            await using (acks.ConfigureAwait(false))
            {
                if (!await acks.MoveNextAsync().ConfigureAwait(false))
                {
                    throw new InvalidOperationException("the stream ended before the peer's first ack");
                }

                var first = acks.Current;
                if (first.Problem.Length > 0)
                {
                    OnRefused(peer, first, epoch);
                }

                var config = ProtoMapping.FromProto(first.Config);
                peer.State.Opened((long)first.AppliedSequence, first.NeedSnapshot, config, _log);
                SyncLog.StreamOpen(_logger, peer.Name, epoch, peer.State.NeedsSnapshot ? "snapshot first" : $"resuming after {first.AppliedSequence}");
                MaybeRepairConfig(peer, config);
                var reader = ReadAcksAsync(peer, acks, streamCts.Token);
                try
                {
                    await SendLoopAsync(peer, call, reader, streamCts.Token).ConfigureAwait(false);
                }
                finally
                {
                    await streamCts.CancelAsync().ConfigureAwait(false);
                    await IgnoreFailure(reader).ConfigureAwait(false);
                }
            }
        }
    }

    /// <summary>
    /// The pull may have shown a higher epoch than the one taken when this node became master (a restart without a
    /// state file): take one above it before the first hello, rather than being refused once.
    /// </summary>
    private void RetakeEpochIfOvertaken()
    {
        lock (_roleGate)
        {
            if (_role == HaRole.Master && _epochs.Own < _epochs.Highest)
            {
                SyncLog.BecameMaster(_logger, _epochs.BeginMastership());
            }
        }
    }

    private void OnRefused(PeerLink peer, Proto.ReplicationAck refusal, long epoch)
    {
        SyncLog.StreamRefused(_logger, peer.Name, refusal.Problem);
        _epochs.Observe((long)refusal.Epoch);
        lock (_roleGate)
        {
            // An epoch refusal: a backup accepted a newer (epoch, node) from another master. While this node is still
            // master it takes an epoch above it for its next hello (the election decides who stays master).
            if (_role == HaRole.Master && _epochs.Own == epoch && (long)refusal.Epoch >= epoch)
            {
                SyncLog.BecameMaster(_logger, _epochs.BeginMastership());
            }
        }

        throw new RefusedException(refusal.Problem);
    }

    private async Task ReadAcksAsync(PeerLink peer, IAsyncEnumerator<Proto.ReplicationAck> acks, CancellationToken cancellationToken)
    {
        string? lastProblem = null;
        while (await acks.MoveNextAsync().ConfigureAwait(false))
        {
            var ack = acks.Current;
            var config = ProtoMapping.FromProto(ack.Config);
            peer.State.Acknowledged((long)ack.AppliedSequence, ack.NeedSnapshot, config, _log);
            if (ack.Problem.Length > 0 && ack.Problem != lastProblem)
            {
                SyncLog.PeerProblem(_logger, peer.Name, ack.Problem);
            }

            lastProblem = ack.Problem.Length > 0 ? ack.Problem : lastProblem;
            MaybeRepairConfig(peer, config);
            peer.Wake.Pulse();
            _acked.Pulse();
            cancellationToken.ThrowIfCancellationRequested();
        }

        throw new InvalidOperationException("the peer closed the stream");
    }

    private async Task SendLoopAsync(
        PeerLink peer, DuplexStreamingCall<Proto.ReplicationMessage, Proto.ReplicationAck> call, Task reader, CancellationToken cancellationToken)
    {
        var batch = new List<SequencedChange>(_options.MaxBatch);
        var lastSend = _time.GetTimestamp();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var wake = peer.Wake.Next;
            if (reader.IsCompleted)
            {
                await reader.ConfigureAwait(false);
            }

            if (_time.GetElapsedTime(peer.State.LastAckTimestamp) > _options.PeerTimeout)
            {
                throw new TimeoutException($"no ack for {_options.PeerTimeout.TotalSeconds:0.###} s");
            }

            if (peer.State.NeedsSnapshot)
            {
                await SendSnapshotAsync(peer, call).ConfigureAwait(false);
                lastSend = _time.GetTimestamp();
                continue;
            }

            if (!_log.TryRead(peer.State.Sent, _options.MaxBatch, batch))
            {
                peer.State.RequireSnapshot();
                continue;
            }

            if (batch.Count > 0)
            {
                var deltas = new Proto.DeltaBatch { FirstSequence = (ulong)batch[0].Sequence };
                foreach (var change in batch)
                {
                    deltas.Changes.Add(ProtoMapping.ToProto(change.Change));
                }

                peer.State.DeltasSent(batch[^1].Sequence);
                await call.WriteAsync(new Proto.ReplicationMessage { Deltas = deltas }).ConfigureAwait(false);
                lastSend = _time.GetTimestamp();
                continue;
            }

            var idle = _time.GetElapsedTime(lastSend);
            if (idle >= _options.HeartbeatInterval)
            {
                await call.WriteAsync(new Proto.ReplicationMessage
                {
                    Heartbeat = new Proto.Heartbeat
                    {
                        HeadSequence = (ulong)peer.State.Sent,
                        SentUnixMs = _time.GetUtcNow().ToUnixTimeMilliseconds(),
                        Config = ProtoMapping.ToProto(_configGate.Running),
                    },
                }).ConfigureAwait(false);
                lastSend = _time.GetTimestamp();
                continue;
            }

            try
            {
                await Task.WhenAny(wake, reader).WaitAsync(_options.HeartbeatInterval - idle, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // Heartbeat due.
            }
        }
    }

    private async Task SendSnapshotAsync(PeerLink peer, DuplexStreamingCall<Proto.ReplicationMessage, Proto.ReplicationAck> call)
    {
        var sequence = _log.Head;
        peer.State.SnapshotStarted(sequence);
        var authoritative = _established || peer.Pulled;
        var chunks = SnapshotBuilder.Build(
            _options.StickTables, _options.ServerHealth, sequence, NodeName, _epochs.Own, authoritative, _options.SnapshotChunkEntries);
        foreach (var chunk in chunks)
        {
            await call.WriteAsync(new Proto.ReplicationMessage { Snapshot = chunk }).ConfigureAwait(false);
        }

        peer.State.SnapshotSent();
        SyncLog.SnapshotSent(_logger, peer.Name, sequence, chunks.Count, authoritative);
    }
}
