namespace Appliance.ProxyCore.Logging;

/// <summary>
/// The second character of HAProxy's termination state: what the session was doing when it ended (configuration
/// manual 8.5). Each value is the ASCII code of the character written in the log.
/// </summary>
public enum SessionPhase : byte
{
    /// <summary><c>-</c>: normal completion after the end of the data transfer.</summary>
    None = (byte)'-',

    /// <summary><c>R</c>: waiting for a complete, valid request from the client (HTTP only); nothing was sent to a server.</summary>
    Request = (byte)'R',

    /// <summary><c>Q</c>: waiting in a queue for a connection slot.</summary>
    Queue = (byte)'Q',

    /// <summary><c>C</c>: waiting for the connection to the server to establish.</summary>
    Connect = (byte)'C',

    /// <summary><c>H</c>: waiting for complete, valid response headers from the server (HTTP only).</summary>
    Headers = (byte)'H',

    /// <summary><c>D</c>: in the data phase.</summary>
    Data = (byte)'D',

    /// <summary><c>L</c>: still sending the last data to the client after the server had finished.</summary>
    Last = (byte)'L',

    /// <summary><c>T</c>: the request was tarpitted.</summary>
    Tarpit = (byte)'T',
}
