using Appliance.ProxyCore.Model;

namespace Appliance.ProxyCore.Persistence;

/// <summary>What a request's persistence cookie said: the server it names (null = none or unknown) and, for
/// <c>maxlife</c>, when the cookie was first issued.</summary>
public readonly record struct CookieDecision(ServerModel? Server, long FirstSeenUnixSeconds);
