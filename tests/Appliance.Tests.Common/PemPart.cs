namespace Appliance.Tests.Common;

/// <summary>A part of a combined PEM file written by <see cref="TestCertificate.ToPem"/>.</summary>
public enum PemPart
{
    Leaf,

    /// <summary>The issuing CAs except the root, nearest first (what certbot's chain.pem holds).</summary>
    Intermediates,

    Root,

    Key,
}
