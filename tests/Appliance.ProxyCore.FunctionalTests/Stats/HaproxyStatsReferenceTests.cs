using System.Diagnostics;
using Appliance.ProxyCore.Stats;
using Appliance.Tests.Common;

namespace Appliance.ProxyCore.FunctionalTests.Stats;

/// <summary>Debian's HAProxy 2.6 run side by side on 127.0.0.1: its stats CSV against ours for the same configuration.</summary>
public class HaproxyStatsReferenceTests
{
    private const string HaproxyBinary = "/usr/sbin/haproxy";

    private static string Config(int frontendPort, int statsPort) => $"""
        defaults
            mode http
            timeout connect 2s
            timeout client 10s
            timeout server 10s
        frontend fe
            bind 127.0.0.1:{frontendPort}
            default_backend be
        backend be
            server s1 127.0.0.1:9 disabled
            server s2 127.0.0.1:9 backup disabled
        listen stats
            bind 127.0.0.1:{statsPort}
            stats uri /st
        """;

    [Fact]
    public async Task Csv_SameConfiguration_SameHeaderRowsAndEmptyColumnsAsHaproxy()
    {
        Assert.True(File.Exists(HaproxyBinary), "haproxy is not installed (.ci/run installs it)");
        var theirs = await HaproxyCsvAsync();
        var statsPort = TcpClientHelper.FreePort();
        await using var proxy = await ProxyUnderTest.StartAsync(Config(TcpClientHelper.FreePort(), statsPort));
        using var client = new HttpClient();
        var ours = (await client.GetStringAsync($"http://127.0.0.1:{statsPort}/st;csv")).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(theirs[0], ours[0]);
        Assert.Equal(StatsFields.CsvHeader, ours[0]);
        Assert.Equal(theirs.Length, ours.Length);
        for (var i = 1; i < theirs.Length; i++)
        {
            var expected = theirs[i].Split(',');
            var actual = ours[i].Split(',');
            Assert.Equal(expected.Length, actual.Length);
            Assert.Equal(
                string.Join(',', expected.Select((v, c) => v.Length == 0 ? "" : StatsFields.Info((StatsField)Math.Min(c, StatsFields.Count - 1)).Name)),
                string.Join(',', actual.Select((v, c) => v.Length == 0 ? "" : StatsFields.Info((StatsField)Math.Min(c, StatsFields.Count - 1)).Name)));
            foreach (var column in new[] { StatsField.PxName, StatsField.SvName, StatsField.Status, StatsField.Weight, StatsField.Act, StatsField.Bck, StatsField.Mode })
            {
                Assert.Equal($"{expected[1]} {column}={expected[(int)column]}", $"{actual[1]} {column}={actual[(int)column]}");
            }
        }
    }

    private static async Task<string[]> HaproxyCsvAsync()
    {
        var statsPort = TcpClientHelper.FreePort();
        var configPath = Path.Combine(Path.GetTempPath(), $"haproxy-stats-{Guid.NewGuid():N}.cfg");
        await File.WriteAllTextAsync(configPath, Config(TcpClientHelper.FreePort(), statsPort) + "\n");
        var info = new ProcessStartInfo(HaproxyBinary) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { "-db", "-f", configPath })
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        try
        {
            using var client = new HttpClient();
            string? csv = null;
            Assert.True(await TcpClientHelper.WaitUntilAsync(
                () =>
                {
                    try
                    {
                        csv = client.GetStringAsync($"http://127.0.0.1:{statsPort}/st;csv").GetAwaiter().GetResult();
                        return true;
                    }
                    catch (HttpRequestException)
                    {
                        return false;
                    }
                },
                TimeSpan.FromSeconds(10)), "haproxy did not answer on its stats listener");
            return csv!.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        }
        finally
        {
            // Ended by the PID of the process this test started, never by name.
            process.Kill();
            await process.WaitForExitAsync();
            File.Delete(configPath);
        }
    }
}
