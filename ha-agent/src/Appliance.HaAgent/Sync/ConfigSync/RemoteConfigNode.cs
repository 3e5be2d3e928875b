using Appliance.HaAgent.Sync.Client;
using Appliance.HaAgent.Sync.Node;
using Appliance.HaAgent.Sync.Replication;
using Appliance.Contracts.Replication;
using Proto = Appliance.HaAgent.Sync.Protos;

namespace Appliance.HaAgent.Sync.ConfigSync;

/// <summary>A peer as a coordinator's <see cref="IConfigNode"/>: its sync service's config methods over gRPC.</summary>
public sealed class RemoteConfigNode : IConfigNode
{
    private readonly GrpcChannel _channel;

    /// <summary>Peer <paramref name="name"/> reached through <paramref name="channel"/>.</summary>
    public RemoteConfigNode(string name, GrpcChannel channel)
    {
        Name = name;
        _channel = channel;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public async Task<RunningConfig> GetRunningAsync(CancellationToken cancellationToken)
    {
        var status = await _channel.UnaryAsync(SyncMethods.GetStatus, new Proto.StatusRequest(), new CallOptions(CancellationToken: cancellationToken)).ConfigureAwait(false);
        return ProtoMapping.FromProto(status.Config)
            ?? throw new InvalidOperationException("it takes no part in configuration sync (no configuration participant)");
    }

    /// <inheritdoc />
    public async Task<ConfigVote> PrepareAsync(ConfigProposal proposal, CancellationToken cancellationToken)
    {
        var request = new Proto.ConfigProposal
        {
            Version = (ulong)proposal.Version,
            SharedText = proposal.SharedText,
            Sha256 = proposal.Sha256,
            Origin = proposal.Origin,
        };
        var vote = await _channel.UnaryAsync(SyncMethods.PrepareConfig, request, new CallOptions(CancellationToken: cancellationToken)).ConfigureAwait(false);
        return new ConfigVote(Name, vote.Accepted, [.. vote.Errors]);
    }

    /// <inheritdoc />
    public async Task<RunningConfig> CommitAsync(long version, string origin, CancellationToken cancellationToken)
    {
        var reply = await _channel.UnaryAsync(
            SyncMethods.CommitConfig, new Proto.ConfigDecision { Version = (ulong)version, Origin = origin }, new CallOptions(CancellationToken: cancellationToken)).ConfigureAwait(false);
        return ProtoMapping.FromProto(reply.Running) ?? new RunningConfig(version, string.Empty);
    }

    /// <inheritdoc />
    public Task AbortAsync(long version, string origin, CancellationToken cancellationToken) =>
        _channel.UnaryAsync(SyncMethods.AbortConfig, new Proto.ConfigDecision { Version = (ulong)version, Origin = origin }, new CallOptions(CancellationToken: cancellationToken));
}
