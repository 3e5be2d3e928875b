using Appliance.ProxyCore.Logging;

namespace Appliance.ProxyCore.Forwarding;

/// <summary>The termination state a log line shows for a <see cref="ConnectFailure"/>.</summary>
public static class ConnectFailureTermination
{
    /// <summary>
    /// <c>sQ</c> after <c>timeout queue</c>, <c>SQ</c> when the server's queue was at its <c>maxqueue</c>, else
    /// <c>SC</c> (no server, or every connection attempt failed).
    /// </summary>
    public static TerminationState ToTermination(this ConnectFailure failure) => failure switch
    {
        ConnectFailure.QueueTimeout => new TerminationState(TerminationCause.ServerTimeout, SessionPhase.Queue),
        ConnectFailure.QueueFull => new TerminationState(TerminationCause.ServerAbort, SessionPhase.Queue),
        _ => new TerminationState(TerminationCause.ServerAbort, SessionPhase.Connect),
    };
}
