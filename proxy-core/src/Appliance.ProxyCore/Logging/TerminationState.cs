namespace Appliance.ProxyCore.Logging;

/// <summary>
/// HAProxy's termination state (configuration manual 8.5): two characters in TCP logs (cause, phase), four in HTTP
/// logs (plus the client cookie state and the server cookie action). The default value is <c>----</c>, a normal end.
/// </summary>
public readonly record struct TerminationState
{
    private readonly byte _cause;
    private readonly byte _phase;
    private readonly byte _clientCookie;
    private readonly byte _serverCookie;

    public TerminationState(
        TerminationCause cause,
        SessionPhase phase,
        ClientCookieState clientCookie = ClientCookieState.NotApplicable,
        ServerCookieAction serverCookie = ServerCookieAction.NotApplicable)
    {
        // '-' is stored as 0 so that every normal state equals default(TerminationState).
        _cause = cause == TerminationCause.None ? (byte)0 : (byte)cause;
        _phase = phase == SessionPhase.None ? (byte)0 : (byte)phase;
        _clientCookie = clientCookie == ClientCookieState.NotApplicable ? (byte)0 : (byte)clientCookie;
        _serverCookie = serverCookie == ServerCookieAction.NotApplicable ? (byte)0 : (byte)serverCookie;
    }

    /// <summary><c>----</c>: both sides closed normally, no cookie persistence.</summary>
    public static TerminationState Normal => default;

    /// <summary>Which event ended the session; <see cref="TerminationCause.None"/> by default.</summary>
    public TerminationCause Cause => _cause == 0 ? TerminationCause.None : (TerminationCause)_cause;

    /// <summary>What the session was doing then; <see cref="SessionPhase.None"/> by default.</summary>
    public SessionPhase Phase => _phase == 0 ? SessionPhase.None : (SessionPhase)_phase;

    /// <summary>The persistence cookie the client presented; <see cref="ClientCookieState.NotApplicable"/> by default.</summary>
    public ClientCookieState ClientCookie => _clientCookie == 0 ? ClientCookieState.NotApplicable : (ClientCookieState)_clientCookie;

    /// <summary>What happened to the cookie in the response; <see cref="ServerCookieAction.NotApplicable"/> by default.</summary>
    public ServerCookieAction ServerCookie => _serverCookie == 0 ? ServerCookieAction.NotApplicable : (ServerCookieAction)_serverCookie;

    /// <summary>
    /// True when the session ended on an error in HAProxy's sense: a cause other than none or local processing
    /// (its <c>SF_ERR_*</c> codes above <c>SF_ERR_LOCAL</c>). Used by <c>option log-separate-errors</c>.
    /// </summary>
    public bool IsError => Cause is not (TerminationCause.None or TerminationCause.Local);

    /// <summary>Returns this state with the persistence cookie characters set (HTTP only).</summary>
    public TerminationState WithCookies(ClientCookieState client, ServerCookieAction server) => new(Cause, Phase, client, server);

    /// <summary>
    /// The state for a session that ended because one side closed or timed out, or the proxy gave up, in
    /// <paramref name="phase"/>: the helper the forwarding code calls with what it observed.
    /// </summary>
    /// <param name="side">Which side ended it: <see cref="TerminationCause.ClientAbort"/>, <see cref="TerminationCause.ClientTimeout"/>, ...</param>
    /// <param name="phase">The phase the session was in.</param>
    public static TerminationState EndedBy(TerminationCause side, SessionPhase phase) => new(side, phase);

    /// <summary>Writes 2 characters (TCP) or 4 (HTTP) and returns how many were written (0 when it does not fit).</summary>
    public int WriteTo(Span<byte> destination, bool http)
    {
        var length = http ? 4 : 2;
        if (destination.Length < length)
        {
            return 0;
        }

        destination[0] = (byte)Cause;
        destination[1] = (byte)Phase;
        if (http)
        {
            destination[2] = (byte)ClientCookie;
            destination[3] = (byte)ServerCookie;
        }

        return length;
    }

    /// <summary>The four characters, e.g. <c>CD--</c> or <c>--NI</c>.</summary>
    public override string ToString() =>
        string.Create(4, this, static (span, s) =>
        {
            span[0] = (char)s.Cause;
            span[1] = (char)s.Phase;
            span[2] = (char)s.ClientCookie;
            span[3] = (char)s.ServerCookie;
        });
}
