namespace Appliance.ProxyCore.Logging;

/// <summary>
/// The fourth character of the HTTP termination state: what happened to the persistence cookie in the response
/// (configuration manual 8.5). Each value is the ASCII code of the character written in the log.
/// </summary>
public enum ServerCookieAction : byte
{
    /// <summary><c>-</c>: cookie persistence is not configured. The default.</summary>
    NotApplicable = (byte)'-',

    /// <summary><c>N</c>: the server sent none and none was inserted.</summary>
    None = (byte)'N',

    /// <summary><c>I</c>: the proxy inserted one.</summary>
    Inserted = (byte)'I',

    /// <summary><c>U</c>: the proxy updated the date of the client's cookie (insert mode with <c>maxidle</c>).</summary>
    Updated = (byte)'U',

    /// <summary><c>P</c>: the server provided one, passed as is.</summary>
    Provided = (byte)'P',

    /// <summary><c>R</c>: the server's cookie was rewritten (<c>rewrite</c> or <c>prefix</c> mode).</summary>
    Rewritten = (byte)'R',

    /// <summary><c>D</c>: the server's cookie was deleted.</summary>
    Deleted = (byte)'D',
}
