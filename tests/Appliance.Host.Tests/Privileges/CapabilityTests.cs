using Appliance.Host.Privileges;

namespace Appliance.Host.Tests.Privileges;

public sealed class CapabilityTests
{
    [Fact]
    public void Mask_KeptCapabilities_IsNetBindServiceNetAdminNetRawSysNice()
    {
        // Bits 10, 12, 13 and 23, as /proc/PID/status prints CapEff for them.
        Assert.Equal(0x803400u, Capability.Mask(Capability.Kept));
    }

    [Fact]
    public void Name_Kept_AreTheKernelNames()
    {
        Assert.Equal(["CAP_NET_BIND_SERVICE", "CAP_NET_ADMIN", "CAP_NET_RAW", "CAP_SYS_NICE"], Capability.Kept.Select(Capability.Name));
    }
}
