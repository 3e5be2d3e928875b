namespace Appliance.ProxyCore.Persistence;

/// <summary>How the persistence cookie is produced (HAProxy's <c>cookie</c> keyword).</summary>
public enum CookieMode
{
    /// <summary>No mode word: the application sets the cookie with a server's value; the proxy only reads it.</summary>
    Passive,

    /// <summary><c>insert</c>: the proxy adds <c>Set-Cookie: NAME=SERVER</c> to responses.</summary>
    Insert,

    /// <summary><c>rewrite</c>: the server sets the cookie and the proxy replaces its value with the server's.</summary>
    Rewrite,

    /// <summary><c>prefix</c>: the proxy prefixes the application's own cookie value with <c>SERVER~</c>, and strips it on requests.</summary>
    Prefix,
}
