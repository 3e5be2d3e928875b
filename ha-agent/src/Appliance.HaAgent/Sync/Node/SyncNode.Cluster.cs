using Appliance.Contracts;
using Appliance.Contracts.Replication;
using Appliance.HaAgent.Sync.Client;
using Appliance.HaAgent.Sync.ConfigSync;
using Appliance.HaAgent.Sync.Grpc;
using Appliance.HaAgent.Sync.Replication;
using Appliance.HaAgent.Sync.Status;
using Proto = Appliance.HaAgent.Sync.Protos;

namespace Appliance.HaAgent.Sync.Node;

/// <summary>Calls across the cluster: configuration proposals and repairs, cluster status, planned switchover.</summary>
public sealed partial class SyncNode
{
    /// <summary>
    /// Proposes <paramref name="sharedText"/> to every node (two-phase commit, docs/sync.md): version = the highest
    /// running version among the nodes + 1; Prepare everywhere (this node included); Commit everywhere only if all
    /// accepted, else Abort everywhere. Never throws for a refusal: the result names each node and why. Proposals
    /// from this node run one at a time.
    /// </summary>
    public async Task<ConfigSyncResult> ProposeConfigAsync(string sharedText, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sharedText);
        await _proposals.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var coordinator = new ConfigCoordinator(NodeName, _options.CallTimeout, _time);
            var result = await coordinator.ProposeAsync(sharedText, ConfigNodes(), cancellationToken).ConfigureAwait(false);
            RecordConfigs(result, ConfigHash.Compute(sharedText));
            if (result.Committed)
            {
                SyncLog.ConfigCommitted(_logger, result.Version);
            }
            else
            {
                SyncLog.ConfigFailed(_logger, result.Error ?? "unknown");
            }

            return result;
        }
        finally
        {
            _proposals.Release();
        }
    }

    /// <summary>Asks every peer for its own report (in parallel, each within <paramref name="timeout"/>) and computes drift.</summary>
    public async Task<ClusterSyncStatus> GetClusterStatusAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var local = GetStatus();
        var remote = await Task.WhenAll(_peerSet.Links.Select(p => AskStatusAsync(p, timeout, cancellationToken))).ConfigureAwait(false);
        var localReport = new NodeReport(
            NodeName, true, local.Role, local.Epoch,
            local.Role == HaRole.Master ? local.HeadSequence : local.Upstream?.AppliedSequence ?? 0,
            local.Role == HaRole.Master ? null : _backup.Lag,
            local.Config is { } c ? new NodeConfigVersion(NodeName, c.Version, c.Sha256) : null,
            local.Tables,
            null);
        List<NodeReport> nodes = [localReport, .. remote];
        var versions = nodes.Where(n => n.Config is not null).Select(n => n.Config!).ToList();
        var newest = versions.Count == 0 ? null : versions.MaxBy(v => v.Version);
        var drift = newest is null
            ? []
            : versions.Where(v => v.Version != newest.Version || v.Sha256 != newest.Sha256).ToList();
        return new ClusterSyncStatus(local, nodes, drift);
    }

    /// <summary>
    /// Planned switchover, step one: completes with true once every connected peer has acknowledged every local change
    /// sequenced so far (lag 0) and no change waits in the queue, false when <paramref name="timeout"/> passes first
    /// (or this node is not master). A peer with no open stream does not count: check <see cref="GetStatus"/> for
    /// peers that are not <see cref="PeerConnectionState.Streaming"/> before switching to one of them.
    /// </summary>
    public async Task<bool> WaitForPeersCaughtUpAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var deadline = _time.GetTimestamp() + (long)(timeout.TotalSeconds * _time.TimestampFrequency);
        while (true)
        {
            var next = _acked.Next;
            if (Role != HaRole.Master)
            {
                return false;
            }

            var head = _log.Head;
            if (_queue.Count == 0 && _peerSet.Links.All(p => !p.State.IsStreaming || p.State.IsCaughtUp(head)))
            {
                return true;
            }

            var remaining = _time.GetElapsedTime(_time.GetTimestamp(), deadline);
            if (remaining <= TimeSpan.Zero)
            {
                return false;
            }

            try
            {
                // The queue drains without an ack pulse; re-check at least every heartbeat.
                var wait = remaining < _options.HeartbeatInterval ? remaining : _options.HeartbeatInterval;
                await next.WaitAsync(wait, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // Re-check.
            }
        }
    }

    /// <summary>Planned switchover, step two: asks <paramref name="peerName"/> to take over (its <see cref="ITakeoverHandler"/>).</summary>
    /// <param name="peerName">The sync peer that should become master.</param>
    /// <param name="timeout">The call's deadline.</param>
    /// <param name="hold">How long the peer keeps its takeover priority; null (the default) = until released.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ArgumentException">When <paramref name="peerName"/> is not a peer now (configured or discovered).</exception>
    public Task<TakeoverResult> RequestTakeoverAsync(string peerName, TimeSpan timeout, TimeSpan? hold = null, CancellationToken cancellationToken = default) =>
        SendTakeoverAsync(peerName, peer => new Proto.TakeoverRequest
        {
            From = NodeName, Epoch = (ulong)_epochs.Own, HeadSequence = (ulong)peer.State.Sent,
            HoldMs = hold is { } h && h > TimeSpan.Zero ? (ulong)Math.Ceiling(h.TotalMilliseconds) : 0,
        }, timeout, cancellationToken);

    /// <summary>
    /// A failed planned switchover's recovery: asks <paramref name="peerName"/> to end the takeover override that
    /// <see cref="RequestTakeoverAsync"/> set, so it runs its configured priority again.
    /// </summary>
    /// <exception cref="ArgumentException">When <paramref name="peerName"/> is not a peer now (configured or discovered).</exception>
    public Task<TakeoverResult> ReleaseTakeoverAsync(string peerName, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        SendTakeoverAsync(peerName, _ => new Proto.TakeoverRequest { From = NodeName, Epoch = (ulong)_epochs.Own, Release = true }, timeout, cancellationToken);

    private async Task<TakeoverResult> SendTakeoverAsync(
        string peerName, Func<PeerLink, Proto.TakeoverRequest> request, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var peers = _peerSet.Links;
        var peer = peers.FirstOrDefault(p => p.Name == peerName)
            ?? throw new ArgumentException($"'{peerName}' is not a sync_peer of {NodeName} (peers: {string.Join(", ", peers.Select(p => p.Name))})", nameof(peerName));
        try
        {
            var reply = await peer.Channel.UnaryAsync(SyncMethods.Takeover, request(peer), new CallOptions(timeout, CancellationToken: cancellationToken)).ConfigureAwait(false);
            return new TakeoverResult(reply.Node, reply.Accepted, reply.Detail);
        }
        catch (RpcException e)
        {
            return new TakeoverResult(peerName, false, $"{e.StatusCode}: {e.Detail}");
        }
    }

    private List<IConfigNode> ConfigNodes() =>
        [new LocalConfigNode(NodeName, _configGate), .. _peerSet.Links.Select(p => (IConfigNode)new RemoteConfigNode(p.Name, p.Channel))];

    private void RecordConfigs(ConfigSyncResult result, string sha256)
    {
        foreach (var outcome in result.Nodes.Where(o => o.Committed))
        {
            _peerSet.Find(outcome.Node)?.State.ReportedConfig(new RunningConfig(result.Version, sha256));
        }
    }

    private async Task<NodeReport> AskStatusAsync(PeerLink peer, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            var status = await peer.Channel.UnaryAsync(
                SyncMethods.GetStatus, new Proto.StatusRequest(), new CallOptions(timeout, CancellationToken: cancellationToken)).ConfigureAwait(false);
            var config = ProtoMapping.FromProto(status.Config);
            if (config is not null)
            {
                peer.State.ReportedConfig(config);
            }

            _epochs.Observe((long)status.Epoch);
            return new NodeReport(
                peer.Name,
                true,
                Enum.TryParse<HaRole>(status.Role, ignoreCase: true, out var role) ? role : null,
                (long)status.Epoch,
                (long)status.AppliedSequence,
                status.HasLagMs ? TimeSpan.FromMilliseconds(status.LagMs) : null,
                ProtoMapping.FromProto(peer.Name, status.Config),
                [.. status.TableSizes.Select(t => new TableSize(t.Key, (long)t.Value)).OrderBy(t => t.Table, StringComparer.Ordinal)],
                null);
        }
        catch (RpcException e)
        {
            return new NodeReport(peer.Name, false, null, 0, 0, null, null, [], $"{e.StatusCode}: {e.Detail}");
        }
    }

    /// <summary>
    /// The master brings a peer that reports an older configuration up to date: the running shared text (from the
    /// host) is proposed to that peer alone, at this node's version, through both phases. Once per peer and version;
    /// a refusal is logged and left in the drift report.
    /// </summary>
    private void MaybeRepairConfig(PeerLink peer, RunningConfig? peerConfig)
    {
        var local = _configGate.Running;
        if (peerConfig is null || local is null || peerConfig.Version >= local.Version || Role != HaRole.Master
            || peer.RepairedVersion == local.Version || !peer.TryBeginRepair())
        {
            return;
        }

        peer.RepairedVersion = local.Version;
        _ = Task.Run(async () =>
        {
            try
            {
                await RepairConfigAsync(peer, peerConfig, local).ConfigureAwait(false);
            }
            finally
            {
                peer.EndRepair();
            }
        });
    }

    private async Task RepairConfigAsync(PeerLink peer, RunningConfig peerConfig, RunningConfig local)
    {
        var text = _options.RunningSharedText is { } read ? await read(_stopping.Token).ConfigureAwait(false) : null;
        if (text is null)
        {
            SyncLog.ConfigDrift(_logger, peer.Name, peerConfig.Version, local.Version, "the host gives no running configuration text");
            return;
        }

        if (ConfigHash.Compute(text) != local.Sha256)
        {
            SyncLog.ConfigDrift(_logger, peer.Name, peerConfig.Version, local.Version, "the running text the host gave does not match the running hash");
            return;
        }

        SyncLog.ConfigRepair(_logger, peer.Name, peerConfig.Version, local.Version);
        var coordinator = new ConfigCoordinator(NodeName, _options.CallTimeout, _time);
        var result = await coordinator.CommitAsync(
            new ConfigProposal(local.Version, text, local.Sha256, NodeName), [new RemoteConfigNode(peer.Name, peer.Channel)], _stopping.Token).ConfigureAwait(false);
        if (result.Committed)
        {
            peer.State.ReportedConfig(local);
        }
        else
        {
            SyncLog.ConfigDrift(_logger, peer.Name, peerConfig.Version, local.Version, result.Error ?? "refused");
        }
    }
}
