using Appliance.LabTests.Infrastructure;

namespace Appliance.LabTests;

/// <summary>
/// A fact that needs the namespace lab: it is skipped, with the reason, when not running as root on Linux, when
/// `ip netns` does not work here, or when a program it needs is missing (CI runs as root and .ci/run installs them).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class LabFactAttribute : FactAttribute
{
    /// <summary>Checks the lab's preconditions plus <paramref name="programs"/>.</summary>
    public LabFactAttribute(params string[] programs)
    {
        Skip = LabPreconditions.WhyNot(programs);
    }
}
