namespace Appliance.Host.Switchover;

/// <summary>What a switchover did, line by line for the operator; <see cref="Succeeded"/> false = refused or failed.</summary>
internal sealed record SwitchoverResult(bool Succeeded, IReadOnlyList<string> Lines)
{
    public static SwitchoverResult Failed(IEnumerable<string> before, string reason) => new(false, [.. before, reason]);
}
