using Appliance.Tests.Common.Http;

namespace Appliance.ProxyCore.FunctionalTests.Http;

/// <summary>
/// Every malformed request of the shared corpus, sent raw to a live proxy: the expected status comes back and the
/// backend never sees a connection. (The same corpus runs against Debian's haproxy for docs/http-hardening.md.)
/// </summary>
public sealed class MalformedRequestTests
{
    public static IEnumerable<object[]> Cases => MalformedRequestCorpus.Names;

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task MalformedRequest_RefusedWithStatus_NothingReachesTheBackend(string name)
    {
        var request = MalformedRequestCorpus.Get(name);
        await using var fixture = await HttpProxyFixture.StartAsync(backends: 1);

        var response = await RawHttp.SendAsync(fixture.Port, request.Raw);

        Assert.Equal(request.ExpectedStatus, RawHttp.StatusOf(response));
        Assert.Contains("connection: close", response, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, fixture.BackendConnections);
    }
}
