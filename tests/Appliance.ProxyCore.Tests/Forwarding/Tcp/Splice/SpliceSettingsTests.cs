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

    private static GlobalConfig Global(string line) => ConfigTestHelper.Load($"global\n    {line}\n").Config!.Global;
}
