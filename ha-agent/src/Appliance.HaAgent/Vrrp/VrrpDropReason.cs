namespace Appliance.HaAgent.Vrrp;

/// <summary>
/// Why a received packet was dropped, one value per check so the driver can keep a counter per reason. The checks
/// are those of RFC 5798 §7.1 plus the IPv4 header checks a raw socket leaves to us and our authentication trailer.
/// </summary>
public enum VrrpDropReason
{
    /// <summary>Shorter than an IPv4 header, or than the header length it declares.</summary>
    IpTruncated,

    /// <summary>IP version field is not 4.</summary>
    IpBadVersion,

    /// <summary>IHL below 5 words (20 bytes).</summary>
    IpBadHeaderLength,

    /// <summary>IP total length smaller than the header or larger than what was received.</summary>
    IpBadTotalLength,

    /// <summary>IPv4 header checksum does not verify (RFC 791).</summary>
    IpBadHeaderChecksum,

    /// <summary>A fragment (MF set or offset non-zero); adverts are never fragmented.</summary>
    IpFragment,

    /// <summary>IP protocol is not 112 (RFC 5798 §5.1.1.4).</summary>
    IpWrongProtocol,

    /// <summary>TTL is not 255, so the packet may have crossed a router (RFC 5798 §7.1).</summary>
    IpBadTtl,

    /// <summary>Shorter than the 8-byte VRRP header (RFC 5798 §7.1: the complete packet must be present).</summary>
    TooShort,

    /// <summary>VRRP version is not 3 (RFC 5798 §7.1).</summary>
    BadVersion,

    /// <summary>Type is not ADVERTISEMENT (RFC 5798 §5.2.2: other types are discarded).</summary>
    BadType,

    /// <summary>The length does not match Count IPvX Addr (with or without our authentication trailer).</summary>
    LengthMismatch,

    /// <summary>The VRRP checksum over message and pseudo-header does not verify (RFC 5798 §5.2.8, §7.1).</summary>
    BadChecksum,

    /// <summary>Count IPvX Addr is zero; the minimum is 1 (RFC 5798 §5.2.5).</summary>
    NoAddresses,

    /// <summary>Max Adver Int is zero, which would let a peer shrink our Master_Down_Interval to Skew_Time.</summary>
    BadAdvertInterval,

    /// <summary>The VRID is not one we run (RFC 5798 §7.1); the caller decides this, the codec does not.</summary>
    VridMismatch,

    /// <summary>An authentication key is configured and the advert carries no trailer.</summary>
    AuthTrailerMissing,

    /// <summary>No key is configured and the advert carries a trailer: the peers disagree about authentication.</summary>
    UnexpectedAuthTrailer,

    /// <summary>The trailer's HMAC does not verify: wrong key or a tampered packet.</summary>
    BadMac,

    /// <summary>The trailer's counter is not greater than the last one accepted from this source.</summary>
    Replayed,

    /// <summary>Unicast mode: the source is not one of the configured <c>unicast_peer</c> addresses.</summary>
    NotAPeer,
}
