namespace Appliance.Tests.Common;

/// <summary>The key type of a test certificate.</summary>
public enum TestKeyAlgorithm
{
    /// <summary>ECDSA on P-256: fast to generate, the default.</summary>
    Ecdsa,

    /// <summary>RSA 2048.</summary>
    Rsa,
}
