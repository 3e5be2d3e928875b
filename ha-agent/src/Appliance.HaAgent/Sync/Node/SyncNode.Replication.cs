using Appliance.Contracts;
using Appliance.HaAgent.Sync.Client;
using Appliance.HaAgent.Sync.Grpc;
using Appliance.HaAgent.Sync.Replication;
using Proto = Appliance.HaAgent.Sync.Protos;

namespace Appliance.HaAgent.Sync.Node;

/// <summary>The replication IO: the sequencer pump, the initial pull, and the master's stream to each peer.</summary>
public sealed partial class SyncNode
{
    /// <summary>Moves local changes from the data path's queue into the numbered log and wakes the peer streams.</summary>
    private async Task PumpAsync(CancellationToken cancellationToken)
    {
        while (await _queue.WaitAsync(cancellationToken).ConfigureAwait(false))
        {
            while (_queue.TryDequeue(out var change))
            {
                _log.Append(change);
            }

            if (_queue.TakeOverflow())
            {
                SyncLog.QueueOverflow(_logger, _queue.Overflows);
                foreach (var peer in _peers)
                {
                    peer.State.RequireSnapshot();
                }
            }

            foreach (var peer in _peers)
            {
                peer.Wake.Pulse();
            }
        }
    }

    /// <summary>
    /// Pulls every peer's state (retrying each until the timeout) and merges it, filling only keys absent here. Ends
    /// established at the first established peer's answer, or once every peer answered (all of them are starting:
    /// nothing anywhere to lose); ends unestablished when the timeout passes first (some peer may hold entries: it is
    /// pulled again before this node, as master, sends it anything). A master's snapshot arriving first ends it too.
    /// </summary>
    private async Task InitialPullAsync(CancellationToken cancellationToken)
    {
        if (_peers.Count == 0)
        {
            _established = true;
            CompleteInitialSync(InitialSyncOutcome.NoPeers, "no sync_peer configured");
            return;
        }

        using var timeout = new CancellationTokenSource(_options.InitialSyncTimeout, _time);
        using var pulling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var attempts = _peers.Select(p => PullUntilAnsweredAsync(p, pulling.Token)).ToList();
        var answered = new List<string>();
        while (attempts.Count > 0 && !_initialSync.Task.IsCompleted)
        {
            var done = await Task.WhenAny([.. attempts, _initialSync.Task]).ConfigureAwait(false);
            if (done is Task<(string Peer, bool Established)?> attempt)
            {
                attempts.Remove(attempt);
                if (attempt.IsCompletedSuccessfully && attempt.Result is { } answer)
                {
                    answered.Add(answer.Peer);
                    if (answer.Established || answered.Count == _peers.Count)
                    {
                        _established = true;
                        CompleteInitialSync(InitialSyncOutcome.Loaded, answer.Established
                            ? $"from {answer.Peer}"
                            : $"every peer is starting too ({string.Join(", ", answered)})");
                    }
                }
            }
        }

        await pulling.CancelAsync().ConfigureAwait(false);
        CompleteInitialSync(
            answered.Count > 0 ? InitialSyncOutcome.Loaded : InitialSyncOutcome.TimedOut,
            answered.Count > 0
                ? $"from {string.Join(", ", answered)}, none established; not established: unanswered peers are pulled before they get a snapshot"
                : $"no peer answered within {_options.InitialSyncTimeout.TotalSeconds:0.###} s");
    }

    /// <summary>Pulls <paramref name="peer"/> until it answers; its name and whether its state was established, or null when cancelled first.</summary>
    private async Task<(string Peer, bool Established)?> PullUntilAnsweredAsync(PeerLink peer, CancellationToken cancellationToken)
    {
        var delay = _options.ReconnectMinDelay;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                return (peer.Name, await PullAsync(peer, cancellationToken).ConfigureAwait(false));
            }
            catch (Exception e) when (e is RpcException or InvalidOperationException && !cancellationToken.IsCancellationRequested)
            {
                SyncLog.PullFailed(_logger, peer.Name, Describe(e));
            }
            catch (Exception e) when (cancellationToken.IsCancellationRequested && e is OperationCanceledException or RpcException)
            {
                return null;
            }

            try
            {
                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return null;
            }

            delay = NextDelay(delay);
        }

        return null;
    }

    /// <summary>Pulls <paramref name="peer"/>'s state and merges it, filling only keys absent here; true when the peer's state was established.</summary>
    private async Task<bool> PullAsync(PeerLink peer, CancellationToken cancellationToken)
    {
        var request = new Proto.PullRequest { Node = NodeName, Epoch = (ulong)_epochs.Highest };
        var chunks = new List<Proto.SnapshotChunk>();
        await using (var call = peer.Channel.ServerStreaming(SyncMethods.Pull, request, new CallOptions(CancellationToken: cancellationToken)))
        {
            await foreach (var chunk in call.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                chunks.Add(chunk);
                _epochs.Observe((long)chunk.Epoch);
                if (chunk.Last)
                {
                    break;
                }
            }
        }

        if (chunks.Count == 0 || !chunks[^1].Last)
        {
            throw new InvalidOperationException("the snapshot ended before its last chunk");
        }

        var result = SnapshotApplier.Apply(chunks, SnapshotMode.FillMissing, _options.StickTables, _options.ServerHealth);
        SyncLog.Pulled(_logger, peer.Name, result.Entries, result.Stored, result.Servers);
        peer.Pulled = true;
        if (result.Stored > 0 && Role == HaRole.Master)
        {
            // Merged entries are not reported by the replica (no echo), so no delta carries them: the other peers
            // get them in a snapshot.
            foreach (var other in _peers.Where(p => p != peer))
            {
                other.State.RequireSnapshot();
                other.Wake.Pulse();
            }
        }

        return chunks[^1].Authoritative;
    }

    private void OnMasterSnapshotApplied(SnapshotApplyResult result, bool authoritative)
    {
        _established = true;
        var master = _backup.Status?.Master ?? "?";
        SyncLog.SnapshotApplied(_logger, master, result.Entries, result.Stored, result.Removed, authoritative);
        CompleteInitialSync(InitialSyncOutcome.FromMaster, $"snapshot of {master}");
    }

    private void CompleteInitialSync(InitialSyncOutcome outcome, string detail)
    {
        if (_initialSync.TrySetResult(outcome))
        {
            SyncLog.InitialSync(_logger, outcome, detail);
        }
    }

    /// <summary>The master's loop for one peer: after the initial sync, dial, stream, and redial with backoff until mastership ends.</summary>
    private async Task RunPeerAsync(PeerLink peer, CancellationToken mastership)
    {
        try
        {
            await _initialSync.Task.WaitAsync(mastership).ConfigureAwait(false);
            var delay = _options.ReconnectMinDelay;
            while (!mastership.IsCancellationRequested)
            {
                peer.State.Connecting();
                try
                {
                    if (!_established && !peer.Pulled)
                    {
                        // Never publish an unestablished (possibly empty) state over a peer's: take the peer's first
                        // (docs/sync.md). The snapshot this peer then gets holds its own entries, so it may replace.
                        await PullAsync(peer, mastership).ConfigureAwait(false);
                    }

                    await StreamAsync(peer, mastership).ConfigureAwait(false);
                }
                catch (Exception e) when (!mastership.IsCancellationRequested && e is RpcException or InvalidOperationException or TimeoutException or IOException)
                {
                    if (peer.State.IsStreaming)
                    {
                        // The stream got going: the next failure starts the backoff afresh.
                        delay = _options.ReconnectMinDelay;
                    }

                    peer.State.Closed(Describe(e), e is RefusedException);
                    SyncLog.StreamEnded(_logger, peer.Name, Describe(e), (long)delay.TotalMilliseconds);
                }

                await Task.Delay(delay, _time, mastership).ConfigureAwait(false);
                delay = NextDelay(delay);
            }
        }
        catch (Exception e) when (mastership.IsCancellationRequested && e is OperationCanceledException or RpcException or InvalidOperationException or IOException)
        {
            // No longer master, or stopping: the stream's end is the cancellation's doing.
        }
        finally
        {
            if (Role != HaRole.Master)
            {
                peer.State.Idle();
            }
        }
    }

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

    private TimeSpan NextDelay(TimeSpan delay) =>
        TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.ReconnectMaxDelay.Ticks));

    private static string Describe(Exception e) => e switch
    {
        RpcException rpc => $"{rpc.StatusCode}: {rpc.Detail}",
        _ => e.Message,
    };

    private static async Task IgnoreFailure(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or RpcException or InvalidOperationException or IOException)
        {
            // The stream is over; its reason was already reported by the send side.
        }
    }

    /// <summary>The peer refused the stream (its first ack carried the reason).</summary>
    private sealed class RefusedException(string reason) : InvalidOperationException(reason);
}
