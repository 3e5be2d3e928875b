using Appliance.LabTests.Infrastructure;

namespace Appliance.LabTests;

/// <summary>`appliance check` reports the <c>ha</c> section's problems with the proxy's, as FILE:LINE diagnostics.</summary>
public sealed class CheckCommandTests
{
    [Fact]
    public void Check_HaSectionWithTypoAndProxyValid_ExitOneWithFileLineDiagnostic()
    {
        var file = Path.Combine(Path.GetTempPath(), $"check-{Guid.NewGuid():N}.cfg");
        File.WriteAllText(file, """
            defaults
                mode tcp
                timeout connect 1s
                timeout client 5s
                timeout server 5s

            listen vip
                bind 127.0.0.1:18080
                server be1 127.0.0.1:18081

            ha
                interface eth0
                virtual_router_id 51
                priorty 150
                virtual_ipaddress 10.213.0.10/24
            """);
        try
        {
            var (exitCode, stdout, stderr) = Commands.Run(ApplianceBuild.Command[0], [.. ApplianceBuild.Command.Skip(1), "check", "-f", file]);
            Assert.Equal(1, exitCode);
            Assert.Contains($"{file}:14: error: ", stderr, StringComparison.Ordinal);
            Assert.Contains("'priority'", stderr, StringComparison.Ordinal);
            Assert.Contains("Configuration file is invalid: 1 error(s)", stderr, StringComparison.Ordinal);
            Assert.Empty(stdout);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Check_ValidHaSection_ExitZero()
    {
        var file = Path.Combine(Path.GetTempPath(), $"check-{Guid.NewGuid():N}.cfg");
        File.WriteAllText(file, Commands.Check("bash", ApplianceBuild.LabScript, "config", "checkok", "lb1", "150", "track_proxy", "nopreempt"));
        try
        {
            var (exitCode, stdout, stderr) = Commands.Run(ApplianceBuild.Command[0], [.. ApplianceBuild.Command.Skip(1), "check", "-f", file]);
            Assert.True(exitCode == 0, stderr);
            Assert.Contains("Configuration file is valid", stdout, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
