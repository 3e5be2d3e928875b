namespace Appliance.ProxyCore.Health;

/// <summary>
/// The outcome class of one check, named after HAProxy's <c>HCHK_STATUS_*</c> codes (L4OK, L4TOUT, L4CON, SOCKERR,
/// L7OK, L7TOUT, L7RSP, L7STS) so logs and the stats page can use HAProxy's words.
/// </summary>
public enum CheckStatus
{
    /// <summary>L4OK, "Layer4 check passed": the TCP connection was accepted.</summary>
    Layer4Passed = 0,

    /// <summary>L4TOUT, "Layer4 timeout": no connection within the connect budget.</summary>
    Layer4Timeout = 1,

    /// <summary>L4CON, "Layer4 connection problem": refused, unreachable, unresolvable.</summary>
    Layer4ConnectionProblem = 2,

    /// <summary>SOCKERR, "Socket error": the connection broke after it was established (e.g. reset by peer).</summary>
    SocketError = 3,

    /// <summary>L7OK, "Layer7 check passed": the expected HTTP status came back.</summary>
    Layer7Passed = 4,

    /// <summary>L7TOUT, "Layer7 timeout": connected, but no complete answer within the check timeout.</summary>
    Layer7Timeout = 5,

    /// <summary>L7RSP, "Layer7 invalid response": the answer was not an HTTP status line.</summary>
    Layer7InvalidResponse = 6,

    /// <summary>L7STS, "Layer7 wrong status": a well-formed answer with a status that does not pass.</summary>
    Layer7WrongStatus = 7,
}
