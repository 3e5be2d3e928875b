namespace Appliance.HaAgent.Sync.Security;

/// <summary>The outcome of authenticating a call's peer.</summary>
/// <param name="IsAuthenticated">True when the peer proved it belongs to the cluster.</param>
/// <param name="Identity">Who it is: the node name of its certificate, or <c>psk</c>; empty when not authenticated.</param>
/// <param name="Failure">Why it was refused (never a secret); empty when authenticated.</param>
public readonly record struct PeerAuthentication(bool IsAuthenticated, string Identity, string Failure)
{
    /// <summary>An authenticated peer.</summary>
    public static PeerAuthentication Success(string identity) => new(true, identity, string.Empty);

    /// <summary>A refused peer.</summary>
    public static PeerAuthentication Refused(string failure) => new(false, string.Empty, failure);
}
