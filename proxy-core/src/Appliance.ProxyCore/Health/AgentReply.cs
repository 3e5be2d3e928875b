using Appliance.ProxyCore.Model;

namespace Appliance.ProxyCore.Health;

/// <summary>
/// One parsed agent-check line. Every member is <c>null</c> when the agent did not mention it: HAProxy changes only what
/// an agent advertises, so an absent value means "leave as is", never "reset".
/// </summary>
public sealed record AgentReply
{
    /// <summary>The empty reply (an empty line): changes nothing.</summary>
    public static AgentReply Empty { get; } = new();

    /// <summary>
    /// <c>N%</c>: the weight as a percentage of the configured one, 0..<see cref="AgentReplyParser.MaxWeightPercent"/>.
    /// Values above 100 raise the weight (HAProxy caps the resulting weight at 256).
    /// </summary>
    public int? WeightPercent { get; init; }

    /// <summary><c>maxconn:N</c>: the server's connection limit; 0 means unlimited, as for the <c>maxconn</c> keyword.</summary>
    public int? MaxConn { get; init; }

    /// <summary><c>ready</c>, <c>drain</c> or <c>maint</c>.</summary>
    public ServerAdminState? Admin { get; init; }

    /// <summary><c>up</c>, <c>down</c>, <c>fail</c> or <c>stopped</c>.</summary>
    public AgentHealthReport? Health { get; init; }

    /// <summary>The text after <c>#</c>, trimmed; HAProxy shows it with the health word ("via agent : down (text)").</summary>
    public string? Description { get; init; }

    /// <summary>
    /// The first word that could not be understood, as a message; the other words still apply (HAProxy's rule: a bad word
    /// is reported, it does not void the line).
    /// </summary>
    public string? Error { get; init; }

    /// <summary>True when the reply asks for at least one change.</summary>
    public bool HasChanges => WeightPercent.HasValue || MaxConn.HasValue || Admin.HasValue || Health.HasValue;
}
