using Appliance.HaAgent.Sync.Security;
using Appliance.Tests.Common;

namespace Appliance.HaAgent.Tests.Sync.Security;

public class PskVerifierTests
{
    private const string Method = "/appliance.sync.v1.Sync/Stream";
    private static readonly byte[] Key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
    private static readonly DateTimeOffset Start = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Verify_FreshCredential_Authenticated()
    {
        var verifier = new PskVerifier(new PreSharedKeySecurity(Key), new FakeTimeProvider(Start));
        var result = verifier.Verify(PskAuthorization.Create(Key, Method, Start), Method);
        Assert.Equal(PeerAuthentication.Success("psk"), result);
    }

    [Fact]
    public void Verify_SameCredentialTwice_SecondIsAReplay()
    {
        var verifier = new PskVerifier(new PreSharedKeySecurity(Key), new FakeTimeProvider(Start));
        var header = PskAuthorization.Create(Key, Method, Start);
        Assert.True(verifier.Verify(header, Method).IsAuthenticated);
        Assert.Equal("replayed credential (nonce already used)", verifier.Verify(header, Method).Failure);
    }

    [Fact]
    public void Verify_ReplayAfterTheWindow_RefusedByTheTimestamp()
    {
        var clock = new FakeTimeProvider(Start);
        var verifier = new PskVerifier(new PreSharedKeySecurity(Key), clock);
        var header = PskAuthorization.Create(Key, Method, Start);
        Assert.True(verifier.Verify(header, Method).IsAuthenticated);
        clock.Advance(TimeSpan.FromSeconds(31));
        Assert.StartsWith("timestamp 1780315200 is -31 s from this node's clock", verifier.Verify(header, Method).Failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-30, true)]
    [InlineData(30, true)]
    [InlineData(-31, false)]
    [InlineData(31, false)]
    public void Verify_ClockSkew_AcceptedWithinThirtySeconds(int offsetSeconds, bool accepted)
    {
        var verifier = new PskVerifier(new PreSharedKeySecurity(Key), new FakeTimeProvider(Start));
        var header = PskAuthorization.Create(Key, Method, Start.AddSeconds(offsetSeconds));
        Assert.Equal(accepted, verifier.Verify(header, Method).IsAuthenticated);
    }

    [Fact]
    public void Verify_BadMac_DoesNotBurnTheNonce()
    {
        var verifier = new PskVerifier(new PreSharedKeySecurity(Key), new FakeTimeProvider(Start));
        var forged = PskAuthorization.Format(new byte[32], Method, Start.ToUnixTimeSeconds(), "AAAAAAAAAAAAAAAAAAAAAA");
        Assert.StartsWith("bad HMAC", verifier.Verify(forged, Method).Failure, StringComparison.Ordinal);

        // A forger cannot use up a nonce (or fill the cache): the real credential with that nonce still passes.
        var real = PskAuthorization.Format(Key, Method, Start.ToUnixTimeSeconds(), "AAAAAAAAAAAAAAAAAAAAAA");
        Assert.True(verifier.Verify(real, Method).IsAuthenticated);
    }

    [Fact]
    public void Verify_MissingOrMalformed_RefusedWithTheReason()
    {
        var verifier = new PskVerifier(new PreSharedKeySecurity(Key), new FakeTimeProvider(Start));
        Assert.Equal("no authorization header", verifier.Verify(null, Method).Failure);
        Assert.Equal(
            "authorization is not of the form 'Appliance-HMAC-SHA256 ts=SECONDS,nonce=NONCE,mac=MAC'",
            verifier.Verify("PSK " + Convert.ToBase64String(Key), Method).Failure);
    }

    [Fact]
    public void Verify_ReplayCacheFull_RefusesRatherThanForget()
    {
        var verifier = new PskVerifier(new PreSharedKeySecurity(Key, replayCacheCapacity: 2), new FakeTimeProvider(Start));
        Assert.True(verifier.Verify(PskAuthorization.Create(Key, Method, Start), Method).IsAuthenticated);
        Assert.True(verifier.Verify(PskAuthorization.Create(Key, Method, Start), Method).IsAuthenticated);
        Assert.Equal("replay cache full (2 live nonces)", verifier.Verify(PskAuthorization.Create(Key, Method, Start), Method).Failure);
    }

    [Fact]
    public void ReplayCache_ExpiredEntries_ArePrunedAndMakeRoom()
    {
        var cache = new ReplayCache(capacity: 2);
        Assert.Equal(ReplayCheck.Fresh, cache.TryAdd("a", Start.AddSeconds(10), Start));
        Assert.Equal(ReplayCheck.Fresh, cache.TryAdd("b", Start.AddSeconds(20), Start));
        Assert.Equal(ReplayCheck.Full, cache.TryAdd("c", Start.AddSeconds(30), Start));
        Assert.Equal(ReplayCheck.Replayed, cache.TryAdd("a", Start.AddSeconds(10), Start.AddSeconds(5)));
        Assert.Equal(ReplayCheck.Fresh, cache.TryAdd("c", Start.AddSeconds(30), Start.AddSeconds(10)));
        Assert.Equal(2, cache.Count);
    }
}
