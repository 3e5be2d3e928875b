namespace Appliance.ProxyCore.Configuration.Parsing;

/// <summary>The proxy sections a keyword may appear in (HAProxy's keyword matrix).</summary>
[Flags]
internal enum SectionCapability
{
    None = 0,
    Defaults = 1,
    Frontend = 2,
    Backend = 4,
    Listen = 8,

    /// <summary>Frontend-side keywords: defaults, frontend, listen.</summary>
    FrontendSide = Defaults | Frontend | Listen,

    /// <summary>Backend-side keywords: defaults, backend, listen.</summary>
    BackendSide = Defaults | Backend | Listen,

    /// <summary>Everywhere except defaults (rules, ACLs, servers).</summary>
    Proxies = Frontend | Backend | Listen,

    All = Defaults | Frontend | Backend | Listen,
}
