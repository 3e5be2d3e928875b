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
        var build = CopyBuild();
        await using var backend = new TestBackend("media1");
        var first = FreeLowPort();
        var second = FreeLowPort(exclude: first);
        var config = Path.Combine(_folder.Path, "appliance.cfg");
        File.WriteAllText(config, Config(backend.Port, first));
        File.SetUnixFileMode(_folder.Path, (UnixFileMode)Convert.ToInt32("755", 8));
        var socket = Path.Combine(_folder.Path, "run", "admin.sock");

        using var process = ApplianceProcess.StartFrom(build, "run", "-f", config, "--socket", socket, "--state-dir", Path.Combine(_folder.Path, "state"));
        await process.WaitForLineAsync("appliance: serving", Timeout);
        Assert.Contains("appliance: running as user nobody (uid 65534), group nogroup (gid 65534) with CAP_NET_BIND_SERVICE, CAP_NET_ADMIN, CAP_NET_RAW, CAP_SYS_NICE", process.Output, StringComparison.Ordinal);

        var status = File.ReadAllLines($"/proc/{process.Pid}/status").ToDictionary(l => l[..l.IndexOf(':')], l => l[(l.IndexOf(':') + 1)..].Trim());
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
        var config = Path.Combine(_folder.Path, "appliance.cfg");
        File.WriteAllText(config, Config(9, FreeLowPort()).Replace("user nobody", "user no-such-user-here", StringComparison.Ordinal));

        using var process = ApplianceProcess.Start("run", "-f", config, "--socket", Path.Combine(_folder.Path, "admin.sock"), "--state-dir", _folder.Path);

        Assert.Equal(1, await process.WaitForExitAsync(Timeout));
        Assert.Contains("Not starting: global 'user no-such-user-here': no such user", process.Output, StringComparison.Ordinal);
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
