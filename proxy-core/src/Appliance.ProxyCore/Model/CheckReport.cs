namespace Appliance.ProxyCore.Model;

/// <summary>The outcome of one health check or agent exchange, in HAProxy's words, for the stats page.</summary>
/// <param name="Status">HAProxy's short code, e.g. <c>L4OK</c>, <c>L4CON</c>, <c>L7STS</c>.</param>
/// <param name="Code">The HTTP status of a layer-7 check; null otherwise.</param>
/// <param name="Info">The detail HAProxy prints as <c>last_chk</c>, e.g. <c>Connection refused</c>; null when none.</param>
/// <param name="Description">The long form of <paramref name="Status"/>, e.g. <c>Layer4 connection problem</c>.</param>
/// <param name="Duration">How long the check took.</param>
public sealed record CheckReport(string Status, int? Code, string? Info, string Description, TimeSpan Duration);
