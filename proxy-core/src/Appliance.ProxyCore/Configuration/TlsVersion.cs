namespace Appliance.ProxyCore.Configuration;

/// <summary>
/// A protocol version named by <c>ssl-min-ver</c>, <c>ssl-max-ver</c>, <c>no-*</c> and <c>force-*</c>, in ascending order
/// so that a range is a comparison. <see cref="Ssl3"/> is accepted for compatibility but never offered (.NET and
/// OpenSSL 3 have no SSLv3).
/// </summary>
public enum TlsVersion
{
    Ssl3,
    Tls10,
    Tls11,
    Tls12,
    Tls13,
}
