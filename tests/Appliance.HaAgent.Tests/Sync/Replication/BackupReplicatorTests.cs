using Appliance.Contracts.Replication;
using Appliance.HaAgent.Sync.Replication;
using Appliance.Tests.Common;
using static Appliance.HaAgent.Tests.Sync.Replication.Wire;

namespace Appliance.HaAgent.Tests.Sync.Replication;

public class BackupReplicatorTests
{
    private readonly InMemoryStickTables _tables = new(("web", StickKeyType.Ipv4));
    private readonly InMemoryServerHealth _health = new(("web", "s1"), ("web", "s2"));
    private readonly EpochState _epochs = new();
    private readonly FakeTimeProvider _time = new();

    private BackupReplicator NewReplicator() =>
        new("lb2", _tables, _health, _epochs, () => new RunningConfig(3, "cafe"), _time);

    [Fact]
    public void OnHello_FirstContact_AcceptsAndAsksForSnapshot()
    {
        var backup = NewReplicator();
        var result = backup.OnHello(Hello("lb1", 1, head: 9), selfIsMaster: false);
        Assert.Null(result.Refusal);
        Assert.True(result.Ack.NeedSnapshot);
        Assert.Equal(0UL, result.Ack.AppliedSequence);
        Assert.Equal(3UL, result.Ack.Config.Version);
    }

    [Fact]
    public void OnMessage_SnapshotThenDeltas_ConvergesAndAcksEachBatch()
    {
        var backup = NewReplicator();
        var stream = backup.OnHello(Hello("lb1", 1, head: 2), false).StreamId;
        var ack = backup.OnMessage(stream, Snapshot(2, authoritative: true, Entry("10.0.0.1", "s1"), Entry("10.0.0.2", "s2")));
        Assert.Equal(2UL, ack!.AppliedSequence);
        ack = backup.OnMessage(stream, Deltas(3, Stored("10.0.0.3", "s1"), LocalChange.Removed("web", Entry("10.0.0.1", "").Key, 0)));
        Assert.Equal(4UL, ack!.AppliedSequence);
        Assert.False(ack.NeedSnapshot);
        Assert.Equal(2, _tables.Count("web"));
        Assert.Null(_tables.ServerOf("web", "10.0.0.1"));
        Assert.Equal("s1", _tables.ServerOf("web", "10.0.0.3"));
    }

    [Fact]
    public void OnMessage_GapInSequence_AsksForSnapshotOnceAndAppliesNothing()
    {
        var backup = NewReplicator();
        var stream = backup.OnHello(Hello("lb1", 1), false).StreamId;
        backup.OnMessage(stream, Snapshot(5, true));
        var ack = backup.OnMessage(stream, Deltas(8, Stored("10.0.0.8", "s1")));
        Assert.True(ack!.NeedSnapshot);
        Assert.Equal(5UL, ack.AppliedSequence);
        Assert.Equal(0, _tables.Count("web"));
        ack = backup.OnMessage(stream, Deltas(9, Stored("10.0.0.9", "s1")));
        Assert.False(ack!.NeedSnapshot);
        Assert.Equal(0, _tables.Count("web"));
        ack = backup.OnMessage(stream, Snapshot(9, true, Entry("10.0.0.8", "s1"), Entry("10.0.0.9", "s1")));
        Assert.Equal(9UL, ack!.AppliedSequence);
        Assert.Equal(2, _tables.Count("web"));
    }

    [Fact]
    public void OnMessage_RepeatedDeltas_AreSkippedNotReapplied()
    {
        var backup = NewReplicator();
        var stream = backup.OnHello(Hello("lb1", 1), false).StreamId;
        backup.OnMessage(stream, Snapshot(0, true));
        backup.OnMessage(stream, Deltas(1, Stored("10.0.0.1", "s1"), Stored("10.0.0.2", "s1")));
        var ack = backup.OnMessage(stream, Deltas(2, Stored("10.0.0.2", "s2"), Stored("10.0.0.3", "s1")));
        Assert.Equal(3UL, ack!.AppliedSequence);
        Assert.Equal("s1", _tables.ServerOf("web", "10.0.0.2"));
    }

    [Fact]
    public void OnMessage_AuthoritativeSnapshot_ReplacesLocalEntries()
    {
        _tables.Apply(Entry("10.9.9.9", "s2"));
        var backup = NewReplicator();
        var stream = backup.OnHello(Hello("lb1", 1), false).StreamId;
        backup.OnMessage(stream, Snapshot(4, authoritative: true, Entry("10.0.0.1", "s1")));
        Assert.Equal(1, _tables.Count("web"));
        Assert.Null(_tables.ServerOf("web", "10.9.9.9"));
    }

    [Fact]
    public void OnMessage_EmptyNonAuthoritativeSnapshot_KeepsLocalEntriesAndSaysSo()
    {
        for (var i = 1; i <= 3; i++)
        {
            _tables.Apply(Entry($"10.0.0.{i}", "s1"));
        }

        var backup = NewReplicator();
        var stream = backup.OnHello(Hello("lb1", 1), false).StreamId;
        var ack = backup.OnMessage(stream, Snapshot(0, authoritative: false));
        Assert.Equal(3, _tables.Count("web"));
        Assert.Equal("kept 3 local entries: the snapshot of lb1 is empty and not authoritative", ack!.Problem);
        Assert.Equal(1, backup.Status!.SnapshotsMergedOnly);
    }

    [Fact]
    public void OnMessage_EmptyAuthoritativeSnapshot_EmptiesTheTable()
    {
        _tables.Apply(Entry("10.0.0.1", "s1"));
        var backup = NewReplicator();
        var stream = backup.OnHello(Hello("lb1", 1), false).StreamId;
        var ack = backup.OnMessage(stream, Snapshot(0, authoritative: true));
        Assert.Equal(0, _tables.Count("web"));
        Assert.Empty(ack!.Problem);
    }

    [Fact]
    public void OnHello_OlderEpoch_IsRefusedWithTheEpochToBeat()
    {
        var backup = NewReplicator();
        backup.OnHello(Hello("lb3", 6), false);
        var result = backup.OnHello(Hello("lb1", 5), false);
        Assert.Equal(0, result.StreamId);
        Assert.Equal("epoch 5 of lb1 is older than epoch 6 of lb3", result.Refusal);
        Assert.Equal(6UL, result.Ack.Epoch);
    }

    [Fact]
    public void OnMessage_StreamSupersededByNewerEpoch_IsRefused()
    {
        var backup = NewReplicator();
        var old = backup.OnHello(Hello("lb1", 5), false).StreamId;
        backup.OnMessage(old, Snapshot(0, true));
        var newer = backup.OnHello(Hello("lb3", 6), false).StreamId;
        Assert.Throws<InvalidOperationException>(() => backup.OnMessage(old, Deltas(1, Stored("10.0.0.1", "s9"))));
        Assert.True(backup.OnHello(Hello("lb3", 6), false).Ack.NeedSnapshot);
        Assert.NotEqual(old, newer);
        Assert.Equal(0, _tables.Count("web"));
    }

    [Fact]
    public void OnHello_WhileMasterItself_IsRefused()
    {
        var result = NewReplicator().OnHello(Hello("lb1", 9), selfIsMaster: true);
        Assert.Equal("lb2 is master itself", result.Refusal);
    }

    [Fact]
    public void OnHello_SameMasterAndEpochReconnects_ResumesWithoutSnapshot()
    {
        var backup = NewReplicator();
        var first = backup.OnHello(Hello("lb1", 2), false).StreamId;
        backup.OnMessage(first, Snapshot(0, true));
        backup.OnMessage(first, Deltas(1, Stored("10.0.0.1", "s1")));
        backup.OnStreamEnded(first);
        var again = backup.OnHello(Hello("lb1", 2, head: 3), false);
        Assert.False(again.Ack.NeedSnapshot);
        Assert.Equal(1UL, again.Ack.AppliedSequence);
    }

    [Fact]
    public void OnMessage_HeartbeatAheadOfApplied_IsAGap()
    {
        var backup = NewReplicator();
        var stream = backup.OnHello(Hello("lb1", 1), false).StreamId;
        backup.OnMessage(stream, Snapshot(0, true));
        Assert.False(backup.OnMessage(stream, Heartbeat(0))!.NeedSnapshot);
        Assert.True(backup.OnMessage(stream, Heartbeat(2))!.NeedSnapshot);
    }

    [Fact]
    public void OnMessage_HealthDelta_AppliesTheServerState()
    {
        var backup = NewReplicator();
        var stream = backup.OnHello(Hello("lb1", 1), false).StreamId;
        backup.OnMessage(stream, Snapshot(0, true));
        backup.OnMessage(stream, Deltas(1, LocalChange.HealthChanged(new ServerHealthEntry("web", "s2", ServerStatus.Maintenance, ""), 0)));
        Assert.Equal(ServerStatus.Maintenance, _health.StatusOf("web", "s2"));
    }

    [Fact]
    public void Lag_BehindTheMastersHead_GrowsWithTimeUntilCaughtUp()
    {
        var backup = NewReplicator();
        var stream = backup.OnHello(Hello("lb1", 1, head: 4), false).StreamId;
        _time.Advance(TimeSpan.FromMilliseconds(300));
        Assert.Equal(TimeSpan.FromMilliseconds(300), backup.Lag);
        backup.OnMessage(stream, Snapshot(4, true));
        Assert.Equal(TimeSpan.Zero, backup.Lag);
    }

    [Fact]
    public void OnMessage_DeltaForUnknownTable_IsReportedAsProblem()
    {
        var backup = NewReplicator();
        var stream = backup.OnHello(Hello("lb1", 1), false).StreamId;
        backup.OnMessage(stream, Snapshot(0, true));
        var ack = backup.OnMessage(stream, Deltas(1, LocalChange.Stored(Entry("10.0.0.1", "s1", table: "api"), 0)));
        Assert.Equal(1UL, ack!.AppliedSequence);
        Assert.Equal("#1: table 'api' is unknown here or has another key type", ack.Problem);
    }

    [Fact]
    public void OnMessage_SnapshotInChunks_AppliesOnlyAtTheLastChunkAndAcksEachChunk()
    {
        var source = new InMemoryStickTables(("web", StickKeyType.Ipv4));
        for (var i = 1; i <= 5; i++)
        {
            source.Apply(Entry($"10.0.0.{i}", "s1"));
        }

        var backup = NewReplicator();
        var stream = backup.OnHello(Hello("lb1", 1, head: 5), false).StreamId;
        var chunks = SnapshotBuilder.Build(source, null, 5, "lb1", 1, true, chunkEntries: 2);
        Assert.Equal(3, chunks.Count);
        foreach (var chunk in chunks.Take(2))
        {
            var ack = backup.OnMessage(stream, new Appliance.HaAgent.Sync.Protos.ReplicationMessage { Snapshot = chunk });
            Assert.Equal(0UL, ack!.AppliedSequence);
            Assert.Equal(0, _tables.Count("web"));
        }

        var last = backup.OnMessage(stream, new Appliance.HaAgent.Sync.Protos.ReplicationMessage { Snapshot = chunks[2] });
        Assert.Equal(5UL, last!.AppliedSequence);
        Assert.Equal(5, _tables.Count("web"));
    }
}
