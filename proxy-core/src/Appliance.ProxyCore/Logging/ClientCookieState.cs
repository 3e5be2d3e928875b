namespace Appliance.ProxyCore.Logging;

/// <summary>
/// The third character of the HTTP termination state: the persistence cookie the client presented (configuration
/// manual 8.5). Each value is the ASCII code of the character written in the log.
/// </summary>
public enum ClientCookieState : byte
{
    /// <summary><c>-</c>: cookie persistence is not configured. The default.</summary>
    NotApplicable = (byte)'-',

    /// <summary><c>N</c>: the client sent no cookie.</summary>
    None = (byte)'N',

    /// <summary><c>I</c>: the cookie names no known server.</summary>
    Invalid = (byte)'I',

    /// <summary><c>D</c>: the cookie names a server that is down.</summary>
    Down = (byte)'D',

    /// <summary><c>V</c>: a valid cookie; the client was sent to its server.</summary>
    Valid = (byte)'V',

    /// <summary><c>E</c>: expired by <c>maxidle</c>, ignored.</summary>
    Expired = (byte)'E',

    /// <summary><c>O</c>: too old for <c>maxlife</c>, ignored.</summary>
    Old = (byte)'O',

    /// <summary><c>U</c>: present but another rule chose the server.</summary>
    Unused = (byte)'U',
}
