namespace Appliance.Tests.Common;

/// <summary>How a test private key is written in PEM.</summary>
public enum TestKeyFormat
{
    /// <summary><c>BEGIN PRIVATE KEY</c> (what certbot writes).</summary>
    Pkcs8,

    /// <summary>The algorithm's own form: <c>BEGIN RSA PRIVATE KEY</c> (PKCS#1) or <c>BEGIN EC PRIVATE KEY</c> (SEC1).</summary>
    Traditional,
}
