namespace Appliance.HaAgent.Sync.Security;

/// <summary>The parts of a PSK <c>authorization</c> header.</summary>
/// <param name="Timestamp">Unix time in seconds when the client made the call.</param>
/// <param name="Nonce">The client's random nonce (base64url, 16..64 characters).</param>
/// <param name="Mac">The HMAC-SHA256 (32 bytes).</param>
public sealed record PskCredential(long Timestamp, string Nonce, byte[] Mac);
