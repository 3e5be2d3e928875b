namespace Appliance.HaAgent.Discovery;

/// <summary>What one call into <see cref="MdnsBrowser"/> produced: messages to send and changes to report, in order.</summary>
public sealed record BrowserStep(IReadOnlyList<MdnsOutgoing> Sends, IReadOnlyList<ServiceEvent> Events)
{
    public static BrowserStep Empty { get; } = new([], []);
}
