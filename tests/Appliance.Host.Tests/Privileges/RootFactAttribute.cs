namespace Appliance.Host.Tests.Privileges;

/// <summary>A fact that switches users: skipped, with the reason, unless the test runs as root (CI does).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        if (!Environment.IsPrivilegedProcess)
        {
            Skip = "needs root: it starts 'appliance run' that switches to user nobody";
        }
    }
}
