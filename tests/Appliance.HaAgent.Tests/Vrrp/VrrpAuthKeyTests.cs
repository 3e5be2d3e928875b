using System.Text;
using Appliance.HaAgent.Vrrp;

namespace Appliance.HaAgent.Tests.Vrrp;

public sealed class VrrpAuthKeyTests
{
    [Fact]
    public void TryRead_KeyWithTrailingNewline_TrimsWhitespace()
    {
        Assert.True(VrrpAuthKey.TryRead("  q5Xr0tHmB8wWZ2kP1e9YtA==\n", out var key, out _));

        Assert.Equal(Encoding.ASCII.GetBytes("q5Xr0tHmB8wWZ2kP1e9YtA=="), key);
    }

    [Fact]
    public void TryRead_ShortKey_ExplainsTheMinimum()
    {
        Assert.False(VrrpAuthKey.TryRead("secret\n", out _, out var error));

        Assert.Equal("the key must have at least 16 bytes after trimming whitespace (got 6)", error);
    }
}
