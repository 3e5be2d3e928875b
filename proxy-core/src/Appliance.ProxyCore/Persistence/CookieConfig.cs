using Appliance.ProxyCore.Configuration;

namespace Appliance.ProxyCore.Persistence;

/// <summary>
/// <c>cookie NAME [rewrite|insert|prefix] [indirect] [nocache] [postonly] [preserve] [httponly] [secure] [domain D]*
/// [maxidle T] [maxlife T] [attr A]*</c>. Every flag defaults to off; <see cref="MaxIdle"/>/<see cref="MaxLife"/> to none.
/// </summary>
public sealed record CookieConfig(string Name, CookieMode Mode, SourceLocation Location)
{
    /// <summary>Insert: no cookie for a client that already has a valid one, and the cookie is removed before the server sees it.</summary>
    public bool Indirect { get; init; }

    /// <summary>Insert: responses that carry an inserted cookie get <c>Cache-Control: private</c>.</summary>
    public bool NoCache { get; init; }

    /// <summary>Insert: only responses to POST requests get the cookie.</summary>
    public bool PostOnly { get; init; }

    /// <summary>Insert/indirect: a cookie the server sets itself is kept as is.</summary>
    public bool Preserve { get; init; }

    public bool HttpOnly { get; init; }

    public bool Secure { get; init; }

    public IReadOnlyList<string> Domains { get; init; } = [];

    /// <summary>Insert: a cookie not seen for this long is ignored (and refreshed on every response while valid).</summary>
    public TimeSpan? MaxIdle { get; init; }

    /// <summary>Insert: a cookie first issued longer ago than this is ignored.</summary>
    public TimeSpan? MaxLife { get; init; }

    /// <summary>Extra attributes appended verbatim (<c>attr "SameSite=Lax"</c>).</summary>
    public IReadOnlyList<string> Attributes { get; init; } = [];
}
