using Appliance.ProxyCore.Configuration;
using Appliance.ProxyCore.Tests.Configuration;
using Appliance.ProxyCore.Forwarding.Tcp.Splice;

namespace Appliance.ProxyCore.Tests.Forwarding.Tcp.Splice;

public sealed class SpliceSettingsTests
{
    [Fact]
    public void From_PlainGlobal_EnabledWithAQuarterOfMaxconnAsPipes()
    {
        Assert.Equal(new SpliceSettings(true, 1024), SpliceSettings.From(Global("maxconn 4096"), 4096));
    }

    [Fact]
    public void From_NoSplice_Disabled()
    {
        Assert.False(SpliceSettings.From(Global("nosplice"), 4096).Enabled);
    }

    [Fact]
    public void From_TinyMaxconn_StillOnePipe()
    {
        Assert.Equal(1, SpliceSettings.From(GlobalConfig.Empty, 3).MaxPipes);
    }

    [Fact]
    public void From_MaxPipes_CapsThePipesWhateverMaxconn()
    {
        Assert.Equal(new SpliceSettings(true, 7), SpliceSettings.From(Global("maxconn 4096\n    maxpipes 7"), 4096));
    }

    [Fact]
    public void From_MaxPipesZero_KeepsAQuarterOfMaxconn()
    {
        Assert.Equal(250, SpliceSettings.From(Global("maxpipes 0"), 1000).MaxPipes);
    }

    [Fact]
    public void From_MaxPipesAboveAQuarterOfMaxconn_Kept()
    {
        Assert.Equal(5000, SpliceSettings.From(Global("maxpipes 5000"), 100).MaxPipes);
    }

    private static GlobalConfig Global(string line) => ConfigTestHelper.Load($"global\n    {line}\n").Config!.Global;
}
