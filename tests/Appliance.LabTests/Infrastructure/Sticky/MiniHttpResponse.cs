namespace Appliance.LabTests.Infrastructure.Sticky;

/// <summary>What the lab's HTTP client keeps of a response.</summary>
/// <param name="Status">The status code.</param>
/// <param name="Server">The <c>X-Server</c> header: which lab backend answered (null when absent).</param>
/// <param name="SetCookies">The <c>NAME=VALUE</c> part of each <c>Set-Cookie</c> header.</param>
internal sealed record MiniHttpResponse(int Status, string? Server, IReadOnlyList<string> SetCookies);
