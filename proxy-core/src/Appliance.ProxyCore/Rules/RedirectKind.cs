namespace Appliance.ProxyCore.Rules;

/// <summary>The three forms of <c>redirect</c>.</summary>
public enum RedirectKind
{
    /// <summary><c>location URL</c>: the Location is URL, nothing else.</summary>
    Location,

    /// <summary><c>prefix P</c>: P followed by the request's path (and query unless drop-query); <c>/</c> keeps the path alone.</summary>
    Prefix,

    /// <summary><c>scheme S</c>: <c>S://HOST</c> followed by the path (and query), HOST from the Host header.</summary>
    Scheme,
}
