using System.Net;
using System.Net.Sockets;
using Appliance.Host.Admin;
using Appliance.Host.Tests.Cli;
using Appliance.Host.Tests.Hosting;
using Appliance.Tests.Common;

namespace Appliance.Host.Tests.Privileges;

/// <summary>
/// <c>global user nobody / group nogroup</c> with the real executable started as root: the process (same pid) runs as
/// nobody with only the kept capabilities, serves on a port below 1024, answers on its admin socket, and a reload binds
/// another port below 1024. The build is copied to a folder nobody can read (the checkout may be under /root).
/// </summary>
public sealed class PrivilegeDropProcessTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly TempDirectory _folder = new();

    [RootFact]
    public async Task Run_UserNobodyGroupNogroup_RunsAsNobodyWithKeptCapabilitiesServesAndReloadsLowPorts()
    {
        await using var backend = new TestBackend("media1");
        var first = FreeLowPort();
        var second = FreeLowPort(exclude: first);
        var config = Path.Combine(_folder.Path, "appliance.cfg");
        var socket = Path.Combine(_folder.Path, "run", "admin.sock");

        using var process = await StartServingAsync(config, Config(backend.Port, first));
        Assert.Contains("appliance: running as user nobody (uid 65534), group nogroup (gid 65534) with CAP_NET_BIND_SERVICE, CAP_NET_ADMIN, CAP_NET_RAW, CAP_SYS_NICE", process.Output, StringComparison.Ordinal);

        var status = ProcStatus(process.Pid);
        Assert.Equal("65534\t65534\t65534\t65534", status["Uid"]);
        Assert.Equal("65534\t65534\t65534\t65534", status["Gid"]);
        Assert.Equal("65534", status["Groups"]);
        Assert.Equal("0000000000803400", status["CapEff"]);
        Assert.Equal("0000000000803400", status["CapPrm"]);
        Assert.Equal("0000000000803400", status["CapBnd"]);
        Assert.Equal("media1", await TcpClientHelper.ReadGreetingAsync(first, Timeout));

        // Root reaches the nobody-owned 0600 admin socket; a reload binds a second port below 1024 on a pool thread.
        File.WriteAllText(config, Config(backend.Port, first) + $"\nlisten second\n    bind 127.0.0.1:{second}\n    server media1 127.0.0.1:{backend.Port}\n");
        var answer = await AdminClient.SendAsync(socket, "reload", CancellationToken.None).WaitAsync(Timeout);
        Assert.DoesNotContain(AdminCommandHandler.ErrorPrefix, answer, StringComparison.Ordinal);
        Assert.Equal("media1", await TcpClientHelper.ReadGreetingAsync(second, Timeout));
    }

    [RootFact]
    public async Task Run_UnknownUser_RefusesToStart()
    {
        var (config, output) = await RefusedAsync("user nobody", "user no-such-user-here");

        Assert.Contains($"Not starting: {config}:2: global 'user no-such-user-here': no such user (not in the user database, and not a number)", output, StringComparison.Ordinal);
    }

    [RootFact]
    public async Task Run_UidAndGidWithoutDatabaseEntries_RunsAsThoseIdsAndServesALowPort()
    {
        await using var backend = new TestBackend("media1");
        var port = FreeLowPort();
        var config = Path.Combine(_folder.Path, "appliance.cfg");

        using var process = await StartServingAsync(config, Config(backend.Port, port).Replace("user nobody\n    group nogroup", "uid 4242\n    gid 4343", StringComparison.Ordinal));

        Assert.Contains("appliance: running as uid 4242 (no user database entry), gid 4343 (no group database entry) with CAP_NET_BIND_SERVICE", process.Output, StringComparison.Ordinal);
        var status = ProcStatus(process.Pid);
        Assert.Equal("4242\t4242\t4242\t4242", status["Uid"]);
        Assert.Equal("4343\t4343\t4343\t4343", status["Gid"]);
        Assert.Equal("4343", status["Groups"]);
        Assert.Equal("media1", await TcpClientHelper.ReadGreetingAsync(port, Timeout));
    }

    [RootFact]
    public async Task Run_UidWithoutEntryAndNoGroup_RefusesToStartAskingForTheGroup()
    {
        var (config, output) = await RefusedAsync("user nobody\n    group nogroup", "uid 4242");

        Assert.Contains($"Not starting: {config}:2: global 'uid 4242': uid 4242 has no user database entry, so no primary group: add 'gid N' or 'group NAME'", output, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();

    private static string Config(int backendPort, int port) => $"""
        global
            user nobody
            group nogroup
        defaults
            mode tcp
            timeout connect 2s
            timeout client 30s
            timeout server 30s
        listen first
            bind 127.0.0.1:{port}
            server media1 127.0.0.1:{backendPort}
        """;

    /// <summary>Writes <paramref name="text"/> to <paramref name="config"/> and runs a copy of the build on it (socket in run/, state in state/) until it serves.</summary>
    private async Task<ApplianceProcess> StartServingAsync(string config, string text)
    {
        var build = CopyBuild();
        File.WriteAllText(config, text);
        File.SetUnixFileMode(_folder.Path, (UnixFileMode)Convert.ToInt32("755", 8));
        var process = ApplianceProcess.StartFrom(build, "run", "-f", config, "--socket", Path.Combine(_folder.Path, "run", "admin.sock"), "--state-dir", Path.Combine(_folder.Path, "state"));
        try
        {
            await process.WaitForLineAsync("appliance: serving", Timeout);
            return process;
        }
        catch
        {
            process.Dispose();
            throw;
        }
    }

    /// <summary>Runs the build on the test config with <paramref name="from"/> replaced; it must exit 1. Returns the config path and the output.</summary>
    private async Task<(string Config, string Output)> RefusedAsync(string from, string to)
    {
        var config = Path.Combine(_folder.Path, "appliance.cfg");
        File.WriteAllText(config, Config(9, FreeLowPort()).Replace(from, to, StringComparison.Ordinal));
        using var process = ApplianceProcess.Start("run", "-f", config, "--socket", Path.Combine(_folder.Path, "admin.sock"), "--state-dir", _folder.Path);
        Assert.Equal(1, await process.WaitForExitAsync(Timeout));
        return (config, process.Output);
    }

    private static Dictionary<string, string> ProcStatus(int pid) =>
        File.ReadAllLines($"/proc/{pid}/status").ToDictionary(l => l[..l.IndexOf(':')], l => l[(l.IndexOf(':') + 1)..].Trim());

    private string CopyBuild()
    {
        var target = Path.Combine(_folder.Path, "bin");
        foreach (var file in Directory.EnumerateFiles(AppContext.BaseDirectory, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(AppContext.BaseDirectory, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }

        return target;
    }

    /// <summary>A free port from 900 to 1023 on 127.0.0.1 (found by binding it, as root).</summary>
    private static int FreeLowPort(int exclude = 0)
    {
        for (var port = 900 + Random.Shared.Next(100); port < 1024; port++)
        {
            if (port == exclude)
            {
                continue;
            }

            try
            {
                using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                probe.Bind(new IPEndPoint(IPAddress.Loopback, port));
                return port;
            }
            catch (SocketException)
            {
            }
        }

        throw new InvalidOperationException("no free port from 900 to 1023 on 127.0.0.1");
    }
}
