namespace Appliance.Host.Logging;

/// <summary>What a reload did to the syslog targets.</summary>
/// <param name="Kept">Targets that stayed (same queue, counters carried on).</param>
/// <param name="Added">Targets started.</param>
/// <param name="Removed">Targets drained and closed, with their final counters.</param>
internal sealed record SyslogReloadReport(int Kept, int Added, IReadOnlyList<SyslogTargetStats> Removed)
{
    /// <summary><c>syslog: 1 target kept, 1 added, 1 closed (127.0.0.1:514: 120 sent, 3 dropped)</c>.</summary>
    public override string ToString()
    {
        var text = $"syslog: {Kept} target(s) kept, {Added} added, {Removed.Count} closed";
        return Removed.Count == 0
            ? text
            : $"{text} ({string.Join("; ", Removed.Select(s => $"{s.Address}: {s.Sent} sent, {s.Dropped} dropped"))})";
    }
}
