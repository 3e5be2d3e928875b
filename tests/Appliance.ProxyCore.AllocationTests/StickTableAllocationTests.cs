using System.Net;
using Appliance.Contracts.Replication;
using Appliance.ProxyCore.Configuration;
using Appliance.ProxyCore.StickTables;

namespace Appliance.ProxyCore.AllocationTests;

public sealed class StickTableAllocationTests
{
    private const int Rounds = 10_000;

    [Fact]
    public void MatchAndRefresh_ExistingIpv4Entry_AllocatesNothing()
    {
        var table = new StickTable(Config(StickKeyType.Ipv4), TimeProvider.System);
        var address = IPAddress.Parse("192.0.2.7");
        Assert.True(StickKeys.TryFromAddress(StickKeyType.Ipv4, address, out var key));
        table.Store(key, "s1");

        var allocated = Measure(() =>
        {
            StickKeys.TryFromAddress(StickKeyType.Ipv4, address, out var again);
            Assert.Equal("s1", table.Match(again));
            table.Store(again, "s1");
        });

        Assert.True(allocated < 1024, $"{allocated} bytes for {Rounds} lookups and refreshes");
    }

    [Fact]
    public void MatchAndRefresh_ExistingStringEntry_AllocatesNothing()
    {
        var table = new StickTable(Config(StickKeyType.Text), TimeProvider.System);
        var cookie = "JSESSIONID-0123456789".ToCharArray();
        table.Store(StickLookupKey.FromText(cookie), "s2");

        var allocated = Measure(() =>
        {
            Assert.Equal("s2", table.Match(StickLookupKey.FromText(cookie)));
            table.Store(StickLookupKey.FromText(cookie), "s2");
        });

        Assert.True(allocated < 1024, $"{allocated} bytes for {Rounds} lookups and refreshes");
    }

    /// <summary>Bytes this thread allocated over <see cref="Rounds"/> calls, after a warm-up.</summary>
    private static long Measure(Action action)
    {
        for (var i = 0; i < 100; i++)
        {
            action();
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Rounds; i++)
        {
            action();
        }

        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    private static StickTableConfig Config(StickKeyType type) =>
        new() { Name = "be", KeyType = type, Size = 100, Expire = TimeSpan.FromMinutes(10), Location = default };
}
