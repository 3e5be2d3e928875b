using Appliance.Host.Admin;
using Appliance.Host.Hosting;
using Appliance.Host.Store;
using Appliance.Host.Tests.Store;
using Appliance.ProxyCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace Appliance.Host.Tests.Sync;

/// <summary>
/// One appliance node in-process, composed as <c>appliance run</c> composes it minus the VRRP agent (which needs raw
/// sockets and an interface): engine, store, reloader, <see cref="SyncHost"/> on a loopback port, admin socket. Its own
/// environment variables (<c>NODE_ADDR</c>, <c>NODE_DIR</c>) stand in for each node's service environment, so nodes in
/// one process share the configuration text and still bind their own address and read their own files.
/// </summary>
internal sealed class ClusterNode : IAsyncDisposable
{
    private readonly ProxyEngine _engine;
    private readonly SyncHost _sync;
    private readonly AdminSocket _socket;
    private int _disposed;

    private ClusterNode(string name, string directory, ProxyEngine engine, ConfigReloader reloader, ConfigRecorder recorder, SyncHost sync, AdminSocket socket, ListLogger log)
    {
        Name = name;
        Directory = directory;
        _engine = engine;
        Reloader = reloader;
        Recorder = recorder;
        _sync = sync;
        _socket = socket;
        Log = log;
    }

    public string Name { get; }

    /// <summary>The node's own directory: its file, state, admin socket and <c>NODE_DIR</c>.</summary>
    public string Directory { get; }

    public string ConfigPath => Path.Combine(Directory, "appliance.cfg");

    public string SocketPath => _socket.Path;

    public ConfigReloader Reloader { get; }

    public ConfigRecorder Recorder { get; }

    public ListLogger Log { get; }

    public ProxyEngine Engine => _engine;

    public SyncHost Sync => _sync;

    /// <summary>Starts a node whose file is <paramref name="shared"/> followed by <paramref name="ha"/>.</summary>
    public static async Task<ClusterNode> StartAsync(string name, string directory, string address, string shared, string ha)
    {
        System.IO.Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "appliance.cfg");
        var text = shared + "\n" + ha;
        await File.WriteAllTextAsync(path, text);
        string? Env(string variable) => variable switch
        {
            "NODE_ADDR" => address,
            "NODE_DIR" => directory,
            _ => Environment.GetEnvironmentVariable(variable),
        };

        var log = new ListLogger();
        var loggers = new SingleLoggerFactory(log);
        var (config, errors) = ConfigValidation.Validate(Appliance.ProxyCore.Configuration.ConfigLoader.LoadText(text, path, environment: Env));
        Assert.True(config is not null, string.Join('\n', errors));
        var engine = new ProxyEngine(config, new ProxyEngineOptions { LoggerFactory = NullLoggerFactory.Instance });
        await engine.StartAsync(CancellationToken.None);
        var state = Path.Combine(directory, "state");
        var recorder = ConfigRecorder.Start(state, text, loggers);
        var reloader = new ConfigReloader(path, engine, log, TextWriter.Null) { Recorder = recorder, RunningText = text, Environment = Env };
        var sync = (await SyncHost.StartAsync(HaAgentHost.Check(config).Config, engine, reloader, recorder, state, loggers, TimeProvider.System, CancellationToken.None))!;
        var admin = new AdminCommandHandler(engine, async () =>
        {
            var (applied, message) = await reloader.ReloadAsync();
            return applied ? message : AdminCommandHandler.ErrorPrefix + message;
        }, TimeProvider.System) { Sync = sync };
        var socket = AdminSocket.TryStart(Path.Combine(directory, "admin.sock"), admin, log)!;
        return new ClusterNode(name, directory, engine, reloader, recorder, sync, socket, log);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _socket.DisposeAsync();
        await _sync.DisposeAsync();
        await _engine.StopAsync(TimeSpan.FromSeconds(1));
        await _engine.DisposeAsync();
    }
}
