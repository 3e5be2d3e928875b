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

            var peers = _peerSet.Links;
            if (_queue.TakeOverflow())
            {
                SyncLog.QueueOverflow(_logger, _queue.Overflows);
                foreach (var peer in peers)
                {
                    peer.State.RequireSnapshot();
                }
            }

            foreach (var peer in peers)
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
    /// The peers are those known at the start; with <see cref="SyncNodeOptions.DiscoversPeers"/> more may come later, so
    /// "every peer answered" does not establish, and no peer at all ends <see cref="InitialSyncOutcome.NoPeersYet"/>.
    /// </summary>
    private async Task InitialPullAsync(CancellationToken cancellationToken)
    {
        var peers = _peerSet.Links;
        if (peers.Count == 0)
        {
            if (_options.DiscoversPeers)
            {
                CompleteInitialSync(InitialSyncOutcome.NoPeersYet, "no sync_peer configured; peers found by discovery are pulled before they get a snapshot");
                return;
            }

            _established = true;
            CompleteInitialSync(InitialSyncOutcome.NoPeers, "no sync_peer configured");
            return;
        }

        using var timeout = new CancellationTokenSource(_options.InitialSyncTimeout, _time);
        using var pulling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var attempts = peers.Select(p => PullUntilAnsweredAsync(p, pulling.Token)).ToList();
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
                    if (answer.Established || (answered.Count == peers.Count && !_options.DiscoversPeers))
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
            foreach (var other in _peerSet.Links.Where(p => p != peer))
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
            RetakeEpochIfOvertaken();
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
