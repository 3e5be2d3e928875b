using Appliance.Host.Tests.Cli;
using Appliance.Tests.Common;

namespace Appliance.Host.Tests.Hosting;

/// <summary><c>appliance run</c> with sync peers whose keys cannot be loaded: refuses to serve rather than run without sync.</summary>
public sealed class SyncHostRunTests
{
    [Fact]
    public async Task Run_SyncPskFileMissing_NotStartingNamesKeywordAndFileExit1()
    {
        using var state = new TempDirectory();
        var missing = Path.Combine(state.Path, "no-such.key");
        var port = TcpClientHelper.FreePort();
        var config = CheckCommandTests.WriteTemp($"""
            defaults
                mode tcp
                timeout connect 2s
                timeout client 30s
                timeout server 30s
            listen rtmp
                bind 127.0.0.1:{port}
                server media1 127.0.0.1:9
            ha
                interface lo
                virtual_router_id 51
                virtual_ipaddress 127.0.0.200/32
                node_name lb1
                sync_listen 127.0.0.1:{TcpClientHelper.FreePort()}
                sync_peer lb2 127.0.0.1:{TcpClientHelper.FreePort()}
                sync_psk_file {missing}

            """);
        using var appliance = ApplianceProcess.Start("run", "-f", config, "--state-dir", state.Path, "--socket", Path.Combine(state.Path, "admin.sock"));

        var exit = await appliance.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(1, exit);
        Assert.Contains($"Not starting: sync: 'sync_psk_file' {missing}: Could not find file '{missing}'", appliance.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("serving", appliance.Output, StringComparison.Ordinal);
    }
}
