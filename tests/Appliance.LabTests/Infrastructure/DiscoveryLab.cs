namespace Appliance.LabTests.Infrastructure;

/// <summary>
/// The namespaces of lab/lab.sh (PREFIX-sw with bridge br0; PREFIX-lb1 10.213.0.11, PREFIX-lb2 10.213.0.12, PREFIX-cl
/// 10.213.0.31, ...) without the appliance nodes or the backend: the discovery tests put our DiscoveryService and
/// avahi-daemon in them. mDNS traffic stays on the lab bridge. Dispose ends everything it owns (our services first, so
/// their goodbyes go out; then avahi and its bus by PID) and deletes the namespaces, even when the test failed.
/// </summary>
internal sealed class DiscoveryLab : IAsyncDisposable
{
    private static int s_counter;

    private readonly Xunit.Abstractions.ITestOutputHelper _output;
    private readonly List<DiscoveryNode> _nodes = [];
    private readonly List<AvahiDaemon> _avahis = [];

    public DiscoveryLab(Xunit.Abstractions.ITestOutputHelper output)
    {
        _output = output;
        Prefix = $"md{Environment.ProcessId:x}{Interlocked.Increment(ref s_counter)}";
        Folder = Directory.CreateTempSubdirectory($"mdns-{Prefix}-").FullName;
        try
        {
            Commands.Check("bash", ApplianceBuild.LabScript, "up", Prefix);
        }
        catch
        {
            Commands.Run("bash", [ApplianceBuild.LabScript, "down", Prefix]);
            Directory.Delete(Folder, recursive: true);
            throw;
        }
    }

    public string Prefix { get; }

    public string Folder { get; }

    public string NamespaceOf(string host) => $"{Prefix}-{host}";

    /// <summary>Starts our discovery in <paramref name="host"/>'s namespace (lb1, lb2, cl).</summary>
    public async Task<DiscoveryNode> StartNodeAsync(string host, string nodeName, string clusterId = "c1", ushort syncPort = 7400)
    {
        var node = await DiscoveryNode.StartAsync(NamespaceOf(host), nodeName, clusterId, syncPort);
        _nodes.Add(node);
        return node;
    }

    /// <summary>Starts avahi-daemon (host name <paramref name="hostName"/>) in <paramref name="host"/>'s namespace.</summary>
    public AvahiDaemon StartAvahi(string host, string hostName)
    {
        var folder = Directory.CreateDirectory(Path.Combine(Folder, $"avahi-{host}")).FullName;
        var avahi = new AvahiDaemon(NamespaceOf(host), folder, hostName);
        _avahis.Add(avahi);
        return avahi;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            try
            {
                await node.DisposeAsync();
            }
            finally
            {
                _output.WriteLine($"--- {node.Name} log:\n{string.Join('\n', node.Logger.Lines.TakeLast(40))}");
            }
        }

        foreach (var avahi in _avahis)
        {
            _output.WriteLine($"--- avahi-daemon {avahi.HostName} log:\n{avahi.Log()}");
            avahi.Dispose();
        }

        Commands.Run("bash", [ApplianceBuild.LabScript, "down", Prefix]);
        Directory.Delete(Folder, recursive: true);
    }
}
