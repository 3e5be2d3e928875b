using Appliance.Host.Cli;
using Appliance.Tests.Common;

namespace Appliance.Host.Tests.Cli;

/// <summary>Where <c>appliance demo</c> finds the demo script.</summary>
public sealed class DemoCommandTests
{
    [Fact]
    public void FindScript_FromTheBuildOutput_TheCheckoutsScriptsDemo()
    {
        var script = DemoCommand.FindScript(AppContext.BaseDirectory);

        Assert.NotNull(script);
        Assert.EndsWith("/scripts/demo", script, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(script))!, "Appliance.sln")));
    }

    [Fact]
    public void FindScript_ScriptsDemoWithoutLab_NotTakenForACheckout()
    {
        using var dir = new TempDirectory();
        dir.Write("scripts/demo", "#!/bin/sh\n");
        var bin = Directory.CreateDirectory(Path.Combine(dir.Path, "bin")).FullName;

        var script = DemoCommand.FindScript(bin);

        Assert.Equal(File.Exists(DemoCommand.PackagedScript) ? DemoCommand.PackagedScript : null, script);
    }

    [Fact]
    public void FindScript_CopiedLayout_FoundAboveTheBinary()
    {
        using var dir = new TempDirectory();
        dir.Write("scripts/demo", "#!/bin/sh\n");
        dir.Write("lab/lab.sh", "#!/bin/sh\n");
        var bin = Directory.CreateDirectory(Path.Combine(dir.Path, "out", "bin")).FullName;

        Assert.Equal(Path.Combine(dir.Path, "scripts", "demo"), DemoCommand.FindScript(bin));
    }
}
