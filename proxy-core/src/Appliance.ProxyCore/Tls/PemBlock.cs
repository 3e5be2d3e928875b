namespace Appliance.ProxyCore.Tls;

/// <summary>One <c>-----BEGIN LABEL-----</c> ... <c>-----END LABEL-----</c> block of a PEM file, decoded.</summary>
/// <param name="Line">The 1-based line of its BEGIN line, for messages.</param>
/// <param name="Encrypted">True when the block has a <c>Proc-Type: 4,ENCRYPTED</c> header (a traditional encrypted key).</param>
internal sealed record PemBlock(string Label, byte[] Data, int Line, bool Encrypted);
