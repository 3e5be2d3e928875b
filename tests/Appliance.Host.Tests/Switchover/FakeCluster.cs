using Appliance.Contracts;
using Appliance.Host.Switchover;

namespace Appliance.Host.Tests.Switchover;

/// <summary>
/// The sync service's side of <c>--to</c>: answers the takeover request with <see cref="Reply"/> and the n-th role read
/// (0-based) with <see cref="Roles"/>(n).
/// </summary>
internal sealed class FakeCluster : ITakeoverRequester
{
    public TakeoverReply Reply { get; init; } = new(true, "backup now at priority 254 until released");

    public Func<int, IReadOnlyList<ClusterRole>> Roles { get; init; } = _ => [];

    public List<(string Node, TimeSpan? Hold)> Requests { get; } = [];

    public int RoleReads { get; private set; }

    /// <summary>A report where <paramref name="master"/> (null = nobody) is MASTER and every other node BACKUP.</summary>
    public static IReadOnlyList<ClusterRole> MasterIs(string? master, params string[] nodes) =>
        [.. nodes.Select(n => new ClusterRole(n, n == master ? HaRole.Master : HaRole.Backup, null))];

    public Task<TakeoverReply> RequestTakeoverAsync(string node, TimeSpan? hold, CancellationToken cancellationToken)
    {
        Requests.Add((node, hold));
        return Task.FromResult(Reply);
    }

    public TakeoverReply ReleaseReply { get; init; } = new(true, "lb3: released: no hold, no priority override; BACKUP at priority 100");

    public List<string> Releases { get; } = [];

    public Task<TakeoverReply> ReleaseTakeoverAsync(string node, CancellationToken cancellationToken)
    {
        Releases.Add(node);
        return Task.FromResult(ReleaseReply);
    }

    public Task<IReadOnlyList<ClusterRole>> ReadRolesAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Roles(RoleReads++));
    }
}
