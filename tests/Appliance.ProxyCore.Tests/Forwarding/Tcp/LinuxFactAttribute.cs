namespace Appliance.ProxyCore.Tests.Forwarding.Tcp;

/// <summary>A fact that needs Linux (splice(2)); skipped, with the reason shown, elsewhere.</summary>
public sealed class LinuxFactAttribute : FactAttribute
{
    public LinuxFactAttribute()
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = "splice(2) is Linux-only";
        }
    }
}
