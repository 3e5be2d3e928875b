using Appliance.Contracts.Replication;
using Appliance.Host.Store;
using Appliance.Host.Sync;
using Appliance.Host.Tests.Store;
using Appliance.Tests.Common;

namespace Appliance.Host.Tests.Sync;

/// <summary>Stick tables saved to the node's store and restored by the next start, on a fake clock.</summary>
public sealed class StickTablePersistenceTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _temp = new();
    private readonly FakeTimeProvider _time = new(Start);
    private readonly ListLogger _log = new();

    private string StateDir => Path.Combine(_temp.Path, "state");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Stop_ThenNewNodeRestoresAfter5Minutes_EntriesBackWithTheirRemainingLifetime()
    {
        var before = new FakeStickReplica("web");
        before.Apply(Entry("10.0.0.1", "web1", TimeSpan.FromMinutes(30)));
        before.Apply(Entry("10.0.0.2", "web2", TimeSpan.FromMinutes(3)));
        await using (var persistence = new StickTablePersistence(before, Recorder(), _time, _log))
        {
            persistence.Start();
        }

        _time.Advance(TimeSpan.FromMinutes(5));
        var after = new FakeStickReplica("web");
        var restored = new StickTablePersistence(after, Recorder(), _time, _log).Restore();

        Assert.Equal(1, restored);
        Assert.Equal([Entry("10.0.0.1", "web1", TimeSpan.FromMinutes(25))], after.Snapshot("web"));
        Assert.Contains("Information: Stick tables restored from the store: 1 entries (0 of tables this configuration does not replicate)", _log.Entries);
    }

    [Fact]
    public void Restore_TableNoLongerReplicated_SkippedAndCounted()
    {
        var before = new FakeStickReplica("web", "old");
        before.Apply(Entry("10.0.0.1", "web1", TimeSpan.FromMinutes(30)));
        before.Apply(Entry("10.0.0.9", "x", TimeSpan.FromMinutes(30)) with { Table = "old" });
        new StickTablePersistence(before, Recorder(), _time, _log).Save();

        var after = new FakeStickReplica("web");

        Assert.Equal(1, new StickTablePersistence(after, Recorder(), _time, _log).Restore());
        Assert.Contains("Information: Stick tables restored from the store: 1 entries (1 of tables this configuration does not replicate)", _log.Entries);
    }

    [Fact]
    public async Task Start_EveryInterval_SavesTheTablesAsTheyAreThen()
    {
        var replica = new FakeStickReplica("web");
        var recorder = Recorder();
        await using var persistence = new StickTablePersistence(replica, recorder, _time, _log, TimeSpan.FromSeconds(10));
        persistence.Start();

        replica.Apply(Entry("10.0.0.1", "web1", TimeSpan.FromMinutes(30)));
        Assert.Empty(Stored(recorder));
        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(["10.0.0.1"], Stored(recorder));

        replica.Apply(Entry("10.0.0.2", "web1", TimeSpan.FromMinutes(30)));
        replica.Remove("web", new StickKey(StickKeyType.Ipv4, "10.0.0.1"));
        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(["10.0.0.2"], Stored(recorder));
    }

    [Fact]
    public void CorruptedWhileRunning_RestoreLogsUnavailableThenSaveRecreatesWithWarningAndRestoreWorks()
    {
        var replica = new FakeStickReplica("web");
        replica.Apply(Entry("10.0.0.1", "web1", TimeSpan.FromMinutes(30)));
        var persistence = new StickTablePersistence(replica, Recorder(), _time, _log);
        persistence.Save();
        var path = new StateDirectory(StateDir).StorePath;
        File.Delete(path + "-wal");
        File.Delete(path + "-shm");
        File.WriteAllText(path, "overwritten by accident, not a database any more\n");

        Assert.Equal(0, persistence.Restore());
        Assert.Contains(_log.Entries, e => e.StartsWith($"Error: Config store at {path} is unavailable (", StringComparison.Ordinal));

        Assert.Equal(1, persistence.Save());
        Assert.Contains(_log.Entries, e => e.StartsWith($"Warning: Config store at {path} is unusable (", StringComparison.Ordinal) && e.Contains("moved aside", StringComparison.Ordinal));
        var fresh = new FakeStickReplica("web");
        Assert.Equal(1, new StickTablePersistence(fresh, Recorder(), _time, _log).Restore());
    }

    [Fact]
    public void Start_CorruptedDatabase_RecoveredWithWarningAndNothingRestored()
    {
        Directory.CreateDirectory(StateDir);
        File.WriteAllText(new StateDirectory(StateDir).StorePath, "garbage");

        var restored = new StickTablePersistence(new FakeStickReplica("web"), Recorder(), _time, _log).Restore();

        Assert.Equal(0, restored);
        Assert.Contains(_log.Entries, e => e.StartsWith("Warning: Config store at ", StringComparison.Ordinal) && e.Contains("moved aside", StringComparison.Ordinal));
    }

    private static StickEntry Entry(string address, string server, TimeSpan expiresIn) =>
        new("web", new StickKey(StickKeyType.Ipv4, address), server, expiresIn);

    private ConfigRecorder Recorder() =>
        ConfigRecorder.Start(StateDir, "defaults\n", new SingleLoggerFactory(_log), _time);

    private string[] Stored(ConfigRecorder recorder) =>
        [.. recorder.Use(store => StickEntryStore.Load(store, _time.GetUtcNow()))!.Select(e => e.Key.Value).Order(StringComparer.Ordinal)];
}
