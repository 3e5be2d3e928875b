using Appliance.LabTests.Infrastructure;

namespace Appliance.LabTests;

/// <summary>Why the lab cannot run here, or null when it can; the namespace probe runs once per test run.</summary>
internal static class LabPreconditions
{
    private static readonly Lazy<string?> Base = new(Probe);

    public static string? WhyNot(IEnumerable<string> programs)
    {
        if (Base.Value is { } reason)
        {
            return reason;
        }

        var missing = programs.Where(p => !Commands.Exists(p)).ToList();
        return missing.Count == 0 ? null : $"lab test skipped: {string.Join(", ", missing)} not installed (.ci/run installs it)";
    }

    private static string? Probe()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "lab test skipped: needs Linux network namespaces";
        }

        if (Posix.GetEuid() != 0)
        {
            return "lab test skipped: needs root for network namespaces, raw sockets and addresses";
        }

        foreach (var program in new[] { "ip", "socat" })
        {
            if (!Commands.Exists(program))
            {
                return $"lab test skipped: {program} not installed (.ci/run installs it)";
            }
        }

        var name = $"hlprobe{Environment.ProcessId}";
        var (exitCode, _, output) = Commands.Run("ip", ["netns", "add", name]);
        Commands.Run("ip", ["netns", "del", name]);
        return exitCode == 0 ? null : $"lab test skipped: `ip netns add` does not work here: {output.Trim()}";
    }
}
