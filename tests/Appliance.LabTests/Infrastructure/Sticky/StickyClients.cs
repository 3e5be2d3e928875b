using System.Net;
using System.Net.Sockets;

namespace Appliance.LabTests.Infrastructure.Sticky;

/// <summary>
/// The sticky-client population, all in the client's namespace and all through the VIP: source-address clients (each
/// binds its sockets to its own address, which lab.sh clients added) and cookie clients (each logs in once, keeps the
/// cookies the response set, and sends them on every later request, like a browser). <see cref="ProbeAsync"/> sends one
/// request per client on a fresh connection and records which server answered.
/// </summary>
internal sealed class StickyClients(NamespaceSockets sockets, IPEndPoint sourceTarget, IPEndPoint cookieTarget, IReadOnlyList<IPAddress> sources, int cookieClients)
{
    /// <summary>Requests in flight at once.</summary>
    private const int Parallel = 32;

    /// <summary>A connection error is retried this often (a timeout or refusal, never a different server).</summary>
    private const int Attempts = 3;

    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(2);

    private readonly string?[] _cookies = new string?[cookieClients];

    public int SourceClients => sources.Count;

    public int CookieClients => cookieClients;

    /// <summary>Every cookie client logs in (GET /login) and keeps its cookies; returns which server started each session.</summary>
    public async Task<StickyRound> LoginAsync() => await RunAsync(includeSources: false, login: true);

    /// <summary>One request per client on a fresh connection.</summary>
    public async Task<StickyRound> ProbeAsync() => await RunAsync(includeSources: true, login: false);

    /// <summary>The addresses lab.sh clients gave the client's eth0 (10.214.0.0/16).</summary>
    public static IReadOnlyList<IPAddress> LabSourceAddresses(string clientNamespace) =>
        [.. Commands.Check("ip", "-n", clientNamespace, "-4", "-o", "addr", "show", "dev", "eth0")
            .Split('\n')
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(w => Array.IndexOf(w, "inet") is var i && i >= 0 ? w[i + 1].Split('/')[0] : null)
            .Where(a => a is not null && a.StartsWith("10.214.", StringComparison.Ordinal))
            .Select(a => IPAddress.Parse(a!))];

    private async Task<StickyRound> RunAsync(bool includeSources, bool login)
    {
        var jobs = new List<(string Key, Func<CancellationToken, Task<string?>> Run)>();
        if (includeSources)
        {
            jobs.AddRange(sources.Select(a => ($"src:{a}", (Func<CancellationToken, Task<string?>>)(async ct =>
                (await RequestAsync(sourceTarget, a, "/", null, ct)).Server))));
        }

        for (var i = 0; i < cookieClients; i++)
        {
            var index = i;
            jobs.Add(($"cookie:{i}", async ct =>
            {
                if (!login)
                {
                    return (await RequestAsync(cookieTarget, null, "/", _cookies[index], ct)).Server;
                }

                var response = await RequestAsync(cookieTarget, null, "/login", null, ct);
                _cookies[index] = response.SetCookies.Count > 0
                    ? string.Join("; ", response.SetCookies)
                    : throw new IOException($"the login answered by {response.Server} set no cookie");
                return response.Server;
            }));
        }

        var servers = new Dictionary<string, string?>();
        var errors = new Dictionary<string, string>();
        await System.Threading.Tasks.Parallel.ForEachAsync(jobs, new ParallelOptions { MaxDegreeOfParallelism = Parallel }, async (job, _) =>
        {
            string? server = null;
            string? error = null;
            for (var attempt = 0; attempt < Attempts && server is null; attempt++)
            {
                using var timeout = new CancellationTokenSource(RequestTimeout);
                try
                {
                    server = await job.Run(timeout.Token);
                    error = server is null ? "no X-Server header" : null;
                }
                catch (Exception e) when (e is SocketException or IOException or OperationCanceledException)
                {
                    error = e.Message;
                    await Task.Delay(50 * (attempt + 1), CancellationToken.None);
                }
            }

            lock (servers)
            {
                servers[job.Key] = server;
                if (error is not null)
                {
                    errors[job.Key] = error;
                }
            }
        });
        return new StickyRound(servers, errors);
    }

    private async Task<MiniHttpResponse> RequestAsync(IPEndPoint target, IPAddress? source, string path, string? cookie, CancellationToken cancellationToken)
    {
        using var socket = await sockets.CreateAsync();
        socket.LingerState = new LingerOption(true, 0);
        if (source is not null)
        {
            socket.Bind(new IPEndPoint(source, 0));
        }

        await socket.ConnectAsync(target, cancellationToken);
        var response = await MiniHttp.GetAsync(socket, path, cookie, close: true, cancellationToken);
        return response.Status == 200 ? response : throw new IOException($"status {response.Status} from {response.Server ?? "the proxy"}");
    }
}
