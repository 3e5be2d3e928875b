namespace Appliance.ProxyCore.Rules;

/// <summary>
/// A response the proxy generates itself (deny, return, redirect, auth). When <see cref="Body"/> is null the forwarder
/// sends the proxy's error page for <see cref="Status"/> (its <c>errorfile</c>, else the built-in page).
/// </summary>
public sealed record HttpReply(int Status, string? ContentType, string? Body, IReadOnlyList<KeyValuePair<string, string>> Headers)
{
    /// <summary>True when the reply has no body of its own and the error page for its status is to be sent.</summary>
    public bool UsesErrorPage => Body is null;
}
