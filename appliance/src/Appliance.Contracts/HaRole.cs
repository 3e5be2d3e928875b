namespace Appliance.Contracts;

/// <summary>The role a node plays in its VRRP instance (RFC 5798 §6.4: Initialize, Backup, Master).</summary>
public enum HaRole
{
    /// <summary>Not yet elected; the node neither serves the VIP nor sends adverts.</summary>
    Initialize,

    /// <summary>Listens for adverts and takes over when the master goes silent.</summary>
    Backup,

    /// <summary>Owns the floating IP and sends adverts.</summary>
    Master,
}
