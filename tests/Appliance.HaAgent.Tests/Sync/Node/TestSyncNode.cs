using System.Net;
using System.Net.Sockets;
using Appliance.Contracts.Replication;
using Appliance.HaAgent.Configuration;
using Appliance.HaAgent.Sync.Node;
using Appliance.HaAgent.Sync.Security;
using Appliance.HaAgent.Tests.Sync.ConfigSync;
using Appliance.HaAgent.Tests.Sync.Replication;

namespace Appliance.HaAgent.Tests.Sync.Node;

/// <summary>One in-process node of a test cluster on 127.0.0.1 (h2c + PSK): a <see cref="SyncNode"/> over in-memory replicas.</summary>
internal sealed class TestSyncNode : IAsyncDisposable
{
    private TestSyncNode(string name, int port, SyncNode node, InMemoryStickTables tables, InMemoryServerHealth health, InMemoryConfigParticipant config, RecordingTakeover takeover, LogSink logs)
    {
        Name = name;
        Port = port;
        Node = node;
        Tables = tables;
        Health = health;
        Config = config;
        Takeover = takeover;
        Logs = logs;
    }

    public string Name { get; }

    public int Port { get; }

    public SyncNode Node { get; }

    public InMemoryStickTables Tables { get; }

    public InMemoryServerHealth Health { get; }

    public InMemoryConfigParticipant Config { get; }

    public RecordingTakeover Takeover { get; }

    public LogSink Logs { get; }

    /// <summary>Loopback ports for a cluster, reserved for the test process (see <see cref="Appliance.Tests.Common.TcpClientHelper.FreePort"/>).</summary>
    public static int[] FreePorts(int count) => [.. Enumerable.Range(0, count).Select(_ => Appliance.Tests.Common.TcpClientHelper.FreePort())];

    /// <summary>Creates (not starts) node <paramref name="name"/> on <paramref name="port"/> with the given peers.</summary>
    public static TestSyncNode Create(
        string name,
        int port,
        IEnumerable<(string Name, int Port)> peers,
        InMemoryStickTables? tables = null,
        InMemoryConfigParticipant? config = null,
        Func<CancellationToken, Task<string?>>? runningText = null,
        TimeSpan? initialSyncTimeout = null,
        string? stateFile = null,
        bool discoversPeers = false)
    {
        tables ??= new InMemoryStickTables(("web", StickKeyType.Ipv4), ("app", StickKeyType.Text));
        var health = new InMemoryServerHealth(("web", "s1"), ("web", "s2"));
        config ??= new InMemoryConfigParticipant($"/etc/appliance/{name}.cfg");
        var takeover = new RecordingTakeover(name);
        var logs = new LogSink();
        var node = new SyncNode(new SyncNodeOptions
        {
            NodeName = name,
            ListenEndPoint = new IPEndPoint(IPAddress.Loopback, port),
            Security = new PreSharedKeySecurity(ProbeServer.Key),
            Peers = [.. peers.Select(p => new SyncPeerConfig(p.Name, new IPEndPoint(IPAddress.Loopback, p.Port)))],
            DiscoversPeers = discoversPeers,
            StickTables = tables,
            ServerHealth = health,
            Config = config,
            RunningSharedText = runningText,
            Takeover = takeover,
            StateFile = stateFile,
            LoggerFactory = logs,
            HeartbeatInterval = TimeSpan.FromMilliseconds(200),
            PeerTimeout = TimeSpan.FromSeconds(5),
            ReconnectMinDelay = TimeSpan.FromMilliseconds(50),
            ReconnectMaxDelay = TimeSpan.FromMilliseconds(400),
            InitialSyncTimeout = initialSyncTimeout ?? TimeSpan.FromSeconds(5),
            CallTimeout = TimeSpan.FromSeconds(5),
        });
        return new TestSyncNode(name, port, node, tables, health, config, takeover, logs);
    }

    public async Task<TestSyncNode> StartAsync()
    {
        await Node.StartAsync();
        return this;
    }

    /// <summary>Waits (real time, at most 15 s) until <paramref name="condition"/> holds; fails with <paramref name="what"/> otherwise.</summary>
    public static async Task EventuallyAsync(Func<bool> condition, string what, params TestSyncNode[] show)
    {
        for (var i = 0; i < 300; i++)
        {
            if (condition())
            {
                return;
            }

            await Task.Delay(50);
        }

        Assert.Fail($"timed out waiting until {what}\n{string.Join("\n", show.Select(n => $"--- {n.Name}\n{n.Logs.AllText}"))}");
    }

    public ValueTask DisposeAsync() => Node.DisposeAsync();

    /// <summary>Records takeover requests and accepts them.</summary>
    internal sealed class RecordingTakeover(string node) : ITakeoverHandler
    {
        public List<TakeoverRequest> Requests { get; } = [];

        public Task<TakeoverResult> TakeOverAsync(TakeoverRequest request, CancellationToken cancellationToken)
        {
            lock (Requests)
            {
                Requests.Add(request);
            }

            return Task.FromResult(new TakeoverResult(node, true, "priority raised to 254"));
        }

        public List<string> Releases { get; } = [];

        public Task<TakeoverResult> ReleaseAsync(string from, CancellationToken cancellationToken)
        {
            lock (Releases)
            {
                Releases.Add(from);
            }

            return Task.FromResult(new TakeoverResult(node, true, "released: no hold, no priority override"));
        }
    }
}
