using Appliance.ProxyCore.Configuration;

namespace Appliance.ProxyCore.Tests.Configuration;

public class MultiErrorFileTests
{
    /// <remarks>
    /// `haproxy -c` (2.6.12) on the same file reports lines 4, 10, 12, 16, 17, 19, 22, 25 (weight only), 26, 27, 30,
    /// and only warns for line 28. It accepts line 3 (atol turns 'lots' into 0), takes 'check' on line 23 for a host
    /// name, ignores the path on line 24, stops reading line 25 at its first error, and cannot name the backend missing
    /// on line 18 before it stops at the other errors. We report every one of them, on purpose.
    /// </remarks>
    [Fact]
    public void LoadFile_FileWithManyErrors_ReportsAllOfThemInLineOrder()
    {
        var path = ConfigTestHelper.TestData("multi-error.cfg");

        var result = ConfigLoader.LoadFile(path, ConfigTestHelper.Registry, _ => null);

        Assert.False(result.IsValid);
        Assert.NotNull(result.Config);
        Assert.Equal(
        [
            "3: error: 'maxconn' in global section expects an integer of at least 1 (got 'lots')",
            "4: error: 'nbproc' was removed in HAProxy 2.5; remove it; threads are used on multi-processor machines ('nbthread' sets their number)",
            "10: error: 'timeout client' in defaults section expects a time like 5000, 5s or 2m (units us, ms, s, m, h, d; a bare number is milliseconds) (got '5x')",
            "12: error: 'clitimeout' was removed in HAProxy 2.1; use 'timeout client'",
            "14: warning: missing timeouts for frontend 'ft': 'timeout client' is not set; a stalled peer would hold its connection forever, set them to a non-zero value",
            "16: error: 'bind' in frontend 'ft' expects a port from 1 to 65535 (got '70000')",
            "17: error: unknown keyword 'defualt_backend' in frontend 'ft'; did you mean 'default_backend'?",
            "18: error: 'default_backend' in frontend 'ft' names backend 'wbe', which does not exist; did you mean 'web'?",
            "19: error: 'server' is not allowed in frontend 'ft'; it is allowed in: backend, listen",
            "22: error: 'balance' in backend 'web' expects one of 'roundrobin', 'static-rr', 'leastconn', 'source', 'first', 'uri', 'hdr' or 'random' (got 'round'); did you mean 'roundrobin'?",
            "23: error: server 'ams1' in backend 'web' expects an address after its name (got 'check', which is a server keyword)",
            "24: error: server 'ams2' in backend 'web' has an invalid address '10.0.0.5:30808/clickCount': an address has no path (got '/clickCount'); HAProxy ignores it silently, this parser refuses it: remove it",
            "25: error: 'weight' on server 'ams3' in backend 'web' expects an integer from 0 to 256 (got '999')",
            "25: error: unknown server keyword 'chek' on server 'ams3' in backend 'web'; did you mean 'check'?",
            "26: error: server 'ams3' in backend 'web' has 'agent-check' but no 'agent-port'; the agent has no default port, add 'agent-port PORT'",
            "27: error: 'reqadd' was removed in HAProxy 2.1; use 'http-request add-header'",
            "28: error: 'bind' is not allowed in backend 'web'; it is allowed in: frontend, listen",
            "30: error: backend 'web' has the same name as backend 'web' declared at " + path + ":21",
        ], result.Diagnostics.Select(d => d.ToString()[(path.Length + 1)..]));
    }
}
