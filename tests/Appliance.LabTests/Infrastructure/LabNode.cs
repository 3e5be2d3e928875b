using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace Appliance.LabTests.Infrastructure;

/// <summary>
/// One appliance node of the lab (lb1 or lb2) running `appliance run -f`: follows the role lines it prints
/// (<c>ha: vrid51: role BACKUP -> MASTER (MasterDown) priority 100</c>) and can be signalled, restarted and inspected.
/// </summary>
internal sealed partial class LabNode : IDisposable
{
    private readonly Lab _lab;
    private readonly object _gate = new();
    private LabProcess? _process;
    private string _role = "NONE";
    private TaskCompletionSource _roleChanged = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public LabNode(Lab lab, string name)
    {
        _lab = lab;
        Name = name;
    }

    /// <summary>lb1 or lb2.</summary>
    public string Name { get; }

    /// <summary>The node's network namespace.</summary>
    public string Namespace => _lab.NamespaceOf(Name);

    /// <summary>The last role the node printed: INITIALIZE, BACKUP, MASTER, or NONE before the first line.</summary>
    public string Role
    {
        get
        {
            lock (_gate)
            {
                return _role;
            }
        }
    }

    /// <summary>The role lines printed so far by the current process.</summary>
    public IReadOnlyList<string> RoleLines => _process?.Lines.Where(l => l.StartsWith("ha: ", StringComparison.Ordinal)).ToList() ?? [];

    /// <summary>Every line of the current process.</summary>
    public IReadOnlyList<string> Output => _process?.Lines ?? [];

    /// <summary>True while the node's current process runs.</summary>
    public bool IsRunning => _process is { HasExited: false };

    public int Pid => _process?.Pid ?? throw new InvalidOperationException($"{Name} is not running");

    /// <summary>The configuration file the node was last started with.</summary>
    public string? ConfigPath { get; private set; }

    /// <summary>The MAC address of the node's eth0.</summary>
    public string Mac => Commands.Check("ip", "netns", "exec", Namespace, "cat", "/sys/class/net/eth0/address").Trim();

    /// <summary>True when the VIP is configured on the node's eth0 now.</summary>
    public bool HasVip => Commands.Check("ip", "-n", Namespace, "-4", "addr", "show", "dev", "eth0").Contains($" {Lab.Vip}/", StringComparison.Ordinal);

    /// <summary>The node's admin socket (in its own folder in the lab folder, which a node that drops root creates as its user; a path-bound unix socket is reachable from any namespace).</summary>
    public string AdminSocket => Path.Combine(_lab.Folder, $"{Name}-run", "admin.sock");

    /// <summary>The node's state directory (config store, pid file), its own so the two nodes never share one.</summary>
    public string StateDir => Path.Combine(_lab.Folder, $"{Name}-state");

    /// <summary>Runs an admin command (<c>appliance status</c>, <c>appliance failover ...</c>) against this node's socket.</summary>
    public (int ExitCode, string Output, string Errors) Admin(params string[] arguments) =>
        Commands.Run(ApplianceBuild.Command[0], [.. ApplianceBuild.Command.Skip(1), .. arguments, "--socket", AdminSocket], TimeSpan.FromSeconds(60));

    /// <summary>Starts `appliance run -f` with <paramref name="config"/> (a previous process must have exited).</summary>
    public void Start(string config)
    {
        _process?.Dispose();
        var path = Path.Combine(_lab.Folder, $"{Name}-{Environment.TickCount64}.cfg");
        File.WriteAllText(path, config);
        ConfigPath = path;
        lock (_gate)
        {
            _role = "NONE";
        }

        _process = new LabProcess(
            Name,
            ["ip", "netns", "exec", Namespace, .. ApplianceBuild.Command, "run", "-f", path, "--socket", AdminSocket, "--state-dir", StateDir]);
        _process.Watch(OnLine);
    }

    /// <summary>Waits until the node's last printed role is <paramref name="role"/>.</summary>
    public async Task WaitForRoleAsync(string role, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (_role == role)
                {
                    return;
                }

                changed = _roleChanged.Task;
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || _process is null || _process.HasExited)
            {
                throw new TimeoutException($"{Name} did not become {role} (last role {Role}, exited {_process?.HasExited}):\n{string.Join('\n', Output.TakeLast(30))}");
            }

            await Task.WhenAny(changed, Task.Delay(left < TimeSpan.FromMilliseconds(200) ? left : TimeSpan.FromMilliseconds(200)));
        }
    }

    public void Signal(int signal) => _process!.Signal(signal);

    /// <summary>Sends one command line to the node's admin socket (what `appliance reload` etc. send) and returns the answer.</summary>
    public async Task<string> SendAdminAsync(string command, CancellationToken cancellationToken)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(AdminSocket), cancellationToken);
        await socket.SendAsync(Encoding.UTF8.GetBytes(command + "\n"), SocketFlags.None, cancellationToken);
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        socket.Shutdown(SocketShutdown.Send);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return (await reader.ReadToEndAsync(cancellationToken)).TrimEnd();
    }

    public bool WaitForExit(TimeSpan timeout) => _process!.WaitForExit(timeout);

    public void Dispose() => _process?.Dispose();

    private void OnLine(string line)
    {
        var match = RoleLine().Match(line);
        if (!match.Success)
        {
            return;
        }

        lock (_gate)
        {
            _role = match.Groups["to"].Value;
            var changed = _roleChanged;
            _roleChanged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            changed.TrySetResult();
        }
    }

    [GeneratedRegex(@"^ha: \S+: role (?<from>[A-Z]+) -> (?<to>[A-Z]+) \((?<reason>\w+)\)")]
    private static partial Regex RoleLine();
}
