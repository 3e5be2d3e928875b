namespace Appliance.HaAgent.Sync.Security;

/// <summary>
/// The server's check of a PSK credential (<see cref="PskAuthorization"/>): well-formed, timestamp within
/// <see cref="PreSharedKeySecurity.ClockSkew"/> of the server's clock, MAC right for this method, nonce not seen in the
/// window. The nonce is recorded only after the MAC verified, so a peer without the key cannot fill the cache.
/// </summary>
public sealed class PskVerifier
{
    /// <summary>The identity of a PSK-authenticated peer (the key names no node).</summary>
    public const string Identity = "psk";

    private readonly PreSharedKeySecurity _security;
    private readonly TimeProvider _time;
    private readonly ReplayCache _replays;

    /// <summary>Checks credentials against <paramref name="security"/>'s key, on <paramref name="time"/>'s clock.</summary>
    public PskVerifier(PreSharedKeySecurity security, TimeProvider time)
    {
        _security = security;
        _time = time;
        _replays = new ReplayCache(security.ReplayCacheCapacity);
    }

    /// <summary>Checks the <c>authorization</c> header <paramref name="header"/> of a call to <paramref name="method"/>.</summary>
    public PeerAuthentication Verify(string? header, string method)
    {
        if (header is null)
        {
            return PeerAuthentication.Refused("no authorization header");
        }

        if (!PskAuthorization.TryParse(header, out var credential) || credential is null)
        {
            return PeerAuthentication.Refused($"authorization is not of the form '{PskAuthorization.Scheme} ts=SECONDS,nonce=NONCE,mac=MAC'");
        }

        var now = _time.GetUtcNow();
        var skew = _security.ClockSkew;
        var nowSeconds = now.ToUnixTimeSeconds();
        if (Math.Abs((double)credential.Timestamp - nowSeconds) > skew.TotalSeconds)
        {
            return PeerAuthentication.Refused(
                FormattableString.Invariant($"timestamp {credential.Timestamp} is {credential.Timestamp - nowSeconds} s from this node's clock (window ±{skew.TotalSeconds} s)"));
        }

        if (!PskAuthorization.Verify(_security.Key, method, credential))
        {
            return PeerAuthentication.Refused("bad HMAC (another cluster's key, or a credential made for another method)");
        }

        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(credential.Timestamp) + skew + TimeSpan.FromSeconds(1);
        return _replays.TryAdd(credential.Nonce, expiresAt, now) switch
        {
            ReplayCheck.Fresh => PeerAuthentication.Success(Identity),
            ReplayCheck.Replayed => PeerAuthentication.Refused("replayed credential (nonce already used)"),
            _ => PeerAuthentication.Refused($"replay cache full ({_replays.Capacity} live nonces)"),
        };
    }
}
