using Appliance.ProxyCore.Configuration;
using Appliance.ProxyCore.Model;

namespace Appliance.ProxyCore.LoadBalancing;

/// <summary>
/// One backend's server selection around its algorithm, as HAProxy does it: the candidates are the active (non-backup)
/// servers that are usable and not full; when no active server is usable (a full one still counts as usable), the
/// backups take over: only the first usable one, or all of them with <c>option allbackups</c>. Never blocks: when every
/// usable server is full it says so and the caller queues. Thread-safe; allocates nothing per call.
/// </summary>
public sealed class ServerSelector
{
    /// <summary>The <c>option</c> name that lets all usable backups share the load instead of only the first.</summary>
    public const string AllBackupsOption = "allbackups";

    // Selection is synchronous (no await between filling and picking), so a per-thread buffer is safe and lock-free.
    [ThreadStatic]
    private static CandidateList? t_candidates;

    private readonly ServerModel[] _active;
    private readonly ServerModel[] _backups;
    private readonly ILoadBalancer _balancer;

    /// <param name="servers">All of the backend's servers, in configuration order (their order decides which backup is first).</param>
    /// <param name="balancer">The backend's algorithm instance.</param>
    /// <param name="allBackups"><c>option allbackups</c>; default false: only the first usable backup serves.</param>
    public ServerSelector(IReadOnlyList<ServerModel> servers, ILoadBalancer balancer, bool allBackups = false)
    {
        ArgumentNullException.ThrowIfNull(servers);
        ArgumentNullException.ThrowIfNull(balancer);
        var active = new List<ServerModel>(servers.Count);
        var backups = new List<ServerModel>();
        for (var i = 0; i < servers.Count; i++)
        {
            (servers[i].IsBackup ? backups : active).Add(servers[i]);
        }

        Servers = servers;
        _active = [.. active];
        _backups = [.. backups];
        _balancer = balancer;
        AllBackups = allBackups;
    }

    /// <summary>Builds the selector of a backend from its configuration: the algorithm by name, and <c>option allbackups</c>.</summary>
    /// <exception cref="ArgumentException">The algorithm is unknown or its arguments are invalid (validation should have said so).</exception>
    public static ServerSelector Create(ProxyConfig backend, IReadOnlyList<ServerModel> servers, LoadBalancingPolicyRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(registry);
        if (!registry.TryGet(backend.Balance.Algorithm, out var policy))
        {
            throw new ArgumentException($"'balance' does not know the algorithm '{backend.Balance.Algorithm}'", nameof(backend));
        }

        return new ServerSelector(servers, policy.Create(backend.Balance, servers), backend.Options.Contains(AllBackupsOption));
    }

    public IReadOnlyList<ServerModel> Servers { get; }

    public bool AllBackups { get; }

    /// <summary>
    /// Chooses a server for a new connection.
    /// </summary>
    /// <param name="context">What the algorithm may hash on.</param>
    /// <param name="exclude">
    /// A server to avoid (the one that just failed, when a retry is redispatched); honoured only when another candidate
    /// exists, since retrying the same server beats refusing the request. Default null.
    /// </param>
    public ServerSelection Select(in BalanceContext context, ServerModel? exclude = null)
    {
        var candidates = t_candidates ??= new CandidateList();
        try
        {
            if (Collect(_active, candidates, exclude, firstOnly: false) == 0
                && Collect(_backups, candidates, exclude, firstOnly: !AllBackups) == 0)
            {
                return ServerSelection.NoServer;
            }

            return candidates.Count == 0 ? ServerSelection.AllFull : ServerSelection.Picked(_balancer.Pick(candidates, context));
        }
        finally
        {
            candidates.Clear();
        }
    }

    /// <summary>Adds the usable, non-full servers to <paramref name="candidates"/>; returns how many were usable.</summary>
    private static int Collect(ServerModel[] servers, CandidateList candidates, ServerModel? exclude, bool firstOnly)
    {
        var usable = 0;
        ServerModel? excluded = null;
        foreach (var server in servers)
        {
            var state = server.State;
            if (!state.IsUsable)
            {
                continue;
            }

            usable++;
            if (!state.IsFull)
            {
                if (ReferenceEquals(server, exclude))
                {
                    excluded = server;
                }
                else
                {
                    candidates.Add(server);
                }
            }

            if (firstOnly)
            {
                break;
            }
        }

        if (candidates.Count == 0 && excluded is not null)
        {
            candidates.Add(excluded);
        }

        return usable;
    }
}
