namespace Appliance.ProxyCore.Logging;

/// <summary>
/// The first character of HAProxy's termination state: which event ended the session (configuration manual 8.5).
/// Each value is the ASCII code of the character written in the log.
/// </summary>
public enum TerminationCause : byte
{
    /// <summary><c>-</c>: normal completion, both sides closed with nothing left in the buffers.</summary>
    None = (byte)'-',

    /// <summary><c>C</c>: the client aborted the TCP session unexpectedly.</summary>
    ClientAbort = (byte)'C',

    /// <summary><c>S</c>: the server aborted, or explicitly refused the connection.</summary>
    ServerAbort = (byte)'S',

    /// <summary><c>P</c>: the proxy aborted it (a limit, a deny rule, an invalid message).</summary>
    ProxyAbort = (byte)'P',

    /// <summary><c>L</c>: processed locally, never passed to a server (stats, redirects).</summary>
    Local = (byte)'L',

    /// <summary><c>R</c>: a resource of the proxy was exhausted (memory, sockets, source ports).</summary>
    Resource = (byte)'R',

    /// <summary><c>I</c>: an internal error (a bug).</summary>
    Internal = (byte)'I',

    /// <summary><c>D</c>: killed because the server went down (<c>on-marked-down shutdown-sessions</c>).</summary>
    ServerDown = (byte)'D',

    /// <summary><c>U</c>: killed on a backup server because an active one came up (<c>on-marked-up shutdown-backup-sessions</c>).</summary>
    ServerUp = (byte)'U',

    /// <summary><c>K</c>: killed by an administrator.</summary>
    Killed = (byte)'K',

    /// <summary><c>c</c>: the client-side timeout expired.</summary>
    ClientTimeout = (byte)'c',

    /// <summary><c>s</c>: the server-side timeout expired.</summary>
    ServerTimeout = (byte)'s',
}
