namespace Appliance.ProxyCore.AllocationTests;

/// <summary>
/// Bytes allocated per keep-alive HTTP request through a real <see cref="ProxyEngine"/> on 127.0.0.1 (client and
/// backend allocate nothing per request, so what is counted is the proxy's own cost).
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class HttpExchangeAllocationTests
{
#if DEBUG
    // A Debug build allocates every async state machine as an object, even when it completes at once (the direct body
    // copy's two async layers bring a 64 KiB response to about 3,620 bytes there).
    private const long Budget = 3800;
#else
    private const long Budget = 256;
#endif

    private static readonly byte[] Request = "GET /static/app.js?v=3 HTTP/1.1\r\nHost: alloc.test\r\nUser-Agent: alloc\r\nAccept: */*\r\n\r\n"u8.ToArray();

    /// <summary>
    /// Guards the per-request costs removed in issue 9: a new stream and two pipes per request on a pooled server
    /// connection, the async state machines of the exchange (pooled now), the client address and request line formatted
    /// for a debug log line that was off (Release: about 1,900 bytes per request before, about 130 after).
    /// </summary>
    [Theory]
    [InlineData(100)]
    [InlineData(65536)]
    public async Task KeepAliveRequests_PooledServerConnection_WithinBudget(int bodyLength)
    {
        var perRequest = await MeasureAsync("", bodyLength);

        Assert.True(perRequest < Budget, $"{perRequest} bytes per request (budget {Budget})");
    }

    /// <summary>
    /// Only <c>balance uri</c> (and <c>hdr()</c>) read the request: round robin must not build the target string (nor a
    /// header-lookup closure) for the balancer, so it allocates less per request than <c>balance uri</c>, which does.
    /// </summary>
    [Fact]
    public async Task KeepAliveRequests_RoundRobin_BuildsNoTargetStringForTheBalancer()
    {
        var roundRobin = await MeasureAsync("    balance roundrobin", 100);
        var uri = await MeasureAsync("    balance uri", 100);

        // "/static/app.js?v=3" as a string is 56 bytes.
        Assert.True(uri - roundRobin >= 32, $"balance uri {uri}, roundrobin {roundRobin} bytes per request");
    }

    private static Task<long> MeasureAsync(string backendExtra, int bodyLength) =>
        KeepAliveAllocationMeter.MeasureAsync("", "", backendExtra, Request, bodyLength);
}
