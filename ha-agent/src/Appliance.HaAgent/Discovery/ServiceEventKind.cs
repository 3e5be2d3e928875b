namespace Appliance.HaAgent.Discovery;

/// <summary>What happened to a browsed service instance.</summary>
public enum ServiceEventKind
{
    /// <summary>Newly resolved.</summary>
    Found,

    /// <summary>Still there with another port, host, address or TXT.</summary>
    Updated,

    /// <summary>Gone: its PTR, SRV, TXT or last address expired or said goodbye.</summary>
    Lost,
}
