using System.Security.Cryptography;

namespace Appliance.HaAgent.Sync.Security;

/// <summary>
/// A key every node shares: each call carries <c>authorization: Appliance-HMAC-SHA256 ts=…,nonce=…,mac=…</c>
/// (<see cref="PskAuthorization"/>), checked by the server within a clock-skew window and against a replay cache.
/// Used over h2c, so it authenticates the caller of each call but neither encrypts nor protects the messages: use
/// <see cref="MutualTlsSecurity"/> on a network that is not trusted.
/// </summary>
public sealed class PreSharedKeySecurity : SyncSecurity
{
    /// <summary>The shortest key accepted: 16 bytes (128 bits), the HMAC key strength NIST SP 800-107 asks as a floor.</summary>
    public const int MinimumKeyLength = 16;

    private readonly byte[] _key;

    /// <summary>Uses <paramref name="key"/> (at least <see cref="MinimumKeyLength"/> bytes).</summary>
    /// <param name="key">The shared key.</param>
    /// <param name="clockSkew">How far a call's timestamp may be from the server's clock, either way; default 30 s.</param>
    /// <param name="replayCacheCapacity">How many nonces the server remembers; a server whose cache is full refuses calls; default 100,000.</param>
    public PreSharedKeySecurity(ReadOnlySpan<byte> key, TimeSpan? clockSkew = null, int replayCacheCapacity = 100_000)
    {
        if (key.Length < MinimumKeyLength)
        {
            throw new ArgumentException($"a pre-shared key needs at least {MinimumKeyLength} bytes (got {key.Length})", nameof(key));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(replayCacheCapacity, 1);
        _key = key.ToArray();
        ClockSkew = clockSkew ?? TimeSpan.FromSeconds(30);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ClockSkew, TimeSpan.Zero, nameof(clockSkew));
        ReplayCacheCapacity = replayCacheCapacity;
    }

    /// <summary>The key.</summary>
    public ReadOnlySpan<byte> Key => _key;

    /// <summary>Accepted distance between a call's timestamp and the server's clock; default 30 s (nodes run NTP).</summary>
    public TimeSpan ClockSkew { get; }

    /// <summary>Nonces remembered for replay detection; default 100,000.</summary>
    public int ReplayCacheCapacity { get; }

    /// <inheritdoc />
    public override bool UsesTls => false;

    /// <summary>A new random 32-byte key as base64 text, the key file's format.</summary>
    public static string GenerateKeyText() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>Reads a key file: base64 text (surrounding whitespace ignored) of at least 16 bytes.</summary>
    /// <exception cref="FormatException">When the file does not hold base64 text.</exception>
    public static PreSharedKeySecurity FromFile(string path, TimeSpan? clockSkew = null)
    {
        var text = File.ReadAllText(path).Trim();
        byte[] key;
        try
        {
            key = Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            throw new FormatException($"{path}: a sync key file holds base64 text (make one with 32 random bytes), which this is not");
        }

        return new PreSharedKeySecurity(key, clockSkew);
    }
}
