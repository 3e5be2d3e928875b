using System.Security.Cryptography;
using System.Text;
using Appliance.HaAgent.Sync.Security;

namespace Appliance.HaAgent.Tests.Sync.Security;

public class PskAuthorizationTests
{
    private static readonly byte[] Key = Encoding.ASCII.GetBytes("0123456789abcdef0123456789abcdef");

    [Fact]
    public void Format_KnownParts_IsSchemeTimestampNonceAndHmacOfMethodTimestampNonce()
    {
        var value = PskAuthorization.Format(Key, "/appliance.sync.v1.Probe/Echo", 1767225600, "AAAAAAAAAAAAAAAAAAAAAA");

        // The MAC computed independently: HMAC-SHA256 over "METHOD|TIMESTAMP|NONCE", base64url without padding.
        using var hmac = new HMACSHA256(Key);
        var mac = Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes("/appliance.sync.v1.Probe/Echo|1767225600|AAAAAAAAAAAAAAAAAAAAAA")))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');
        Assert.Equal($"Appliance-HMAC-SHA256 ts=1767225600,nonce=AAAAAAAAAAAAAAAAAAAAAA,mac={mac}", value);
    }

    [Fact]
    public void TryParse_Formatted_GivesTheParts()
    {
        var value = PskAuthorization.Format(Key, "/a.B/C", 42, "nonce-nonce_nonce");
        Assert.True(PskAuthorization.TryParse(value, out var credential));
        Assert.Equal(42, credential!.Timestamp);
        Assert.Equal("nonce-nonce_nonce", credential.Nonce);
        Assert.Equal(32, credential.Mac.Length);
        Assert.True(PskAuthorization.Verify(Key, "/a.B/C", credential));
    }

    [Fact]
    public void Verify_OtherMethodOrKey_IsFalse()
    {
        Assert.True(PskAuthorization.TryParse(PskAuthorization.Create(Key, "/a.B/C", DateTimeOffset.UnixEpoch), out var credential));
        Assert.False(PskAuthorization.Verify(Key, "/a.B/D", credential!));
        Assert.False(PskAuthorization.Verify(Encoding.ASCII.GetBytes("another key of thirty-two bytes!"), "/a.B/C", credential!));
    }

    [Fact]
    public void Create_TwoCalls_UseDifferentNonces()
    {
        Assert.True(PskAuthorization.TryParse(PskAuthorization.Create(Key, "/a.B/C", DateTimeOffset.UnixEpoch), out var first));
        Assert.True(PskAuthorization.TryParse(PskAuthorization.Create(Key, "/a.B/C", DateTimeOffset.UnixEpoch), out var second));
        Assert.NotEqual(first!.Nonce, second!.Nonce);
        Assert.Equal(22, first.Nonce.Length);
    }

    [Theory]
    [InlineData("")]
    [InlineData("PSK secret")]
    [InlineData("Bearer abc")]
    [InlineData("Appliance-HMAC-SHA256 ts=1,nonce=AAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("Appliance-HMAC-SHA256 nonce=AAAAAAAAAAAAAAAAAAAAAA,ts=1,mac=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("Appliance-HMAC-SHA256 ts=-1,nonce=AAAAAAAAAAAAAAAAAAAAAA,mac=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("Appliance-HMAC-SHA256 ts=1,nonce=short,mac=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("Appliance-HMAC-SHA256 ts=1,nonce=AAAAAAAAAAAAAAAA+AAAAA,mac=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("Appliance-HMAC-SHA256 ts=1,nonce=AAAAAAAAAAAAAAAAAAAAAA,mac=AAAA")]
    [InlineData("Appliance-HMAC-SHA256 ts=1, nonce=AAAAAAAAAAAAAAAAAAAAAA,mac=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("Appliance-HMAC-SHA256 ts=99999999999999999999,nonce=AAAAAAAAAAAAAAAAAAAAAA,mac=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void TryParse_Malformed_IsFalse(string value)
    {
        Assert.False(PskAuthorization.TryParse(value, out _));
    }

    [Fact]
    public void PreSharedKeySecurity_ShortKey_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new PreSharedKeySecurity(new byte[15]));
        Assert.StartsWith("a pre-shared key needs at least 16 bytes (got 15)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromFile_GeneratedKeyText_LoadsThirtyTwoBytes()
    {
        using var directory = new Appliance.Tests.Common.TempDirectory();
        var path = directory.Write("sync.key", PreSharedKeySecurity.GenerateKeyText() + "\n");
        var security = PreSharedKeySecurity.FromFile(path);
        Assert.Equal(32, security.Key.Length);
        Assert.Equal(TimeSpan.FromSeconds(30), security.ClockSkew);
    }

    [Fact]
    public void FromFile_NotBase64_ThrowsNamingTheFile()
    {
        using var directory = new Appliance.Tests.Common.TempDirectory();
        var path = directory.Write("sync.key", "my password!");
        var error = Assert.Throws<FormatException>(() => PreSharedKeySecurity.FromFile(path));
        Assert.Equal($"{path}: a sync key file holds base64 text (make one with 32 random bytes), which this is not", error.Message);
    }
}
