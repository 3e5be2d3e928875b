using Appliance.Contracts.Replication;
using Appliance.HaAgent.Sync.Replication;

namespace Appliance.HaAgent.Tests.Sync.Replication;

public class SnapshotBuilderTests
{
    [Fact]
    public void Build_MoreEntriesThanAChunk_SplitsAndMarksOnlyTheLast()
    {
        var tables = new InMemoryStickTables(("web", StickKeyType.Ipv4), ("empty", StickKeyType.Text));
        for (var i = 0; i < 5; i++)
        {
            tables.Apply(Wire.Entry($"10.0.0.{i}", "s1"));
        }

        var chunks = SnapshotBuilder.Build(tables, new InMemoryServerHealth(("web", "s1")), 42, "lb1", 3, true, chunkEntries: 2);

        Assert.Equal(3, chunks.Count);
        Assert.Equal([false, false, true], chunks.Select(c => c.Last));
        Assert.All(chunks, c => Assert.Equal((42UL, 3UL, true), (c.Sequence, c.Epoch, c.Authoritative)));
        Assert.Equal(5, chunks.Sum(c => c.Tables.Where(t => t.Table == "web").Sum(t => t.Entries.Count)));
        Assert.Contains(chunks[^1].Tables, t => t.Table == "empty" && t.Entries.Count == 0);
        Assert.Single(chunks[0].Health);
    }

    [Fact]
    public void Apply_FillMissing_KeepsLocalEntriesAndAddsTheRest()
    {
        var source = new InMemoryStickTables(("web", StickKeyType.Ipv4));
        source.Apply(Wire.Entry("10.0.0.1", "s1"));
        source.Apply(Wire.Entry("10.0.0.2", "s1"));
        var target = new InMemoryStickTables(("web", StickKeyType.Ipv4));
        target.Apply(Wire.Entry("10.0.0.1", "s2"));

        var chunks = SnapshotBuilder.Build(source, null, 2, "lb1", 1, false, 100);
        var result = SnapshotApplier.Apply(chunks, SnapshotMode.FillMissing, target, null);

        Assert.Equal((2L, 1L, 0L), (result.Entries, result.Stored, result.Removed));
        Assert.Equal("s2", target.ServerOf("web", "10.0.0.1"));
        Assert.Equal("s1", target.ServerOf("web", "10.0.0.2"));
    }

    [Fact]
    public void Apply_TableUnknownHere_IsReportedNotApplied()
    {
        var source = new InMemoryStickTables(("api", StickKeyType.Text));
        source.Apply(new StickEntry("api", new StickKey(StickKeyType.Text, "abc"), "s1", TimeSpan.FromMinutes(1)));
        var target = new InMemoryStickTables(("web", StickKeyType.Ipv4));
        var result = SnapshotApplier.Apply(SnapshotBuilder.Build(source, null, 1, "lb1", 1, true, 100), SnapshotMode.Replace, target, null);
        Assert.Equal(["table 'api' is not a replicated table here (1 entries skipped)"], result.Problems);
    }
}
