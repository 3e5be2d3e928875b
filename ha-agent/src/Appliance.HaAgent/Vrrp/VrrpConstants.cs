namespace Appliance.HaAgent.Vrrp;

/// <summary>The numbers RFC 5798 fixes, named after the section that fixes them.</summary>
public static class VrrpConstants
{
    /// <summary>IP protocol number of VRRP (RFC 5798 §5.1.1.4).</summary>
    public const byte IpProtocol = 112;

    /// <summary>The only VRRP version this agent speaks (RFC 5798 §5.2.1).</summary>
    public const byte Version = 3;

    /// <summary>The only VRRP packet type, ADVERTISEMENT (RFC 5798 §5.2.2).</summary>
    public const byte TypeAdvertisement = 1;

    /// <summary>Adverts are sent with TTL 255 and a receiver drops any other TTL (RFC 5798 §5.1.1.3, §7.1).</summary>
    public const byte Ttl = 255;

    /// <summary>The priority of the address owner, which becomes master at once on start-up (RFC 5798 §5.2.4).</summary>
    public const byte OwnerPriority = 255;

    /// <summary>The priority a master sends when it stops, so backups take over after Skew_Time (RFC 5798 §5.2.4).</summary>
    public const byte ShutdownPriority = 0;

    /// <summary>Default priority of a backup-capable router (RFC 5798 §5.2.4: 100).</summary>
    public const byte DefaultPriority = 100;

    /// <summary>Default Advertisement_Interval in centiseconds (RFC 5798 §5.2.7: 100, one second).</summary>
    public const int DefaultAdvertisementIntervalCs = 100;

    /// <summary>Largest Max Adver Int: the field has 12 bits, so 4095 centiseconds (RFC 5798 §5.2.7).</summary>
    public const int MaxAdvertisementIntervalCs = 0xFFF;

    /// <summary>Length of the fixed VRRP header before the addresses (RFC 5798 §5.2).</summary>
    public const int HeaderLength = 8;

    /// <summary>Length of one IPv4 address in the address list (RFC 5798 §5.2.9).</summary>
    public const int Ipv4AddressLength = 4;
}
