namespace Appliance.ProxyCore;

/// <summary>What a reload changed: listening addresses kept (their sockets stayed open), opened and closed.</summary>
public sealed record ReloadReport(IReadOnlyList<string> Kept, IReadOnlyList<string> Opened, IReadOnlyList<string> Closed)
{
    public override string ToString() =>
        $"{Kept.Count} listener(s) kept, {Opened.Count} opened ({string.Join(", ", Opened)}), {Closed.Count} closed ({string.Join(", ", Closed)})";
}
