using Appliance.Host.Hosting;
using Appliance.Host.Tests.Store;

namespace Appliance.Host.Tests.Hosting;

public sealed class SyncHostWatchTests
{
    private readonly ListLogger _logger = new();
    private int _gaveUp;

    [Fact]
    public async Task WatchAsync_PumpFaultsWhileRunning_LogsCriticalAndGivesUpTheVip()
    {
        using var stop = new CancellationTokenSource();

        await SyncHost.WatchAsync(Task.FromException(new InvalidOperationException("log append failed")), GiveUp, _logger, stop.Token);

        Assert.Equal(1, _gaveUp);
        Assert.Contains(_logger.Entries, e => e.Contains("replication pump failed: log append failed", StringComparison.Ordinal)
            && e.Contains("gives up the VIP", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WatchAsync_PumpEndsWithoutStop_GivesUpTheVip()
    {
        using var stop = new CancellationTokenSource();

        await SyncHost.WatchAsync(Task.CompletedTask, GiveUp, _logger, stop.Token);

        Assert.Equal(1, _gaveUp);
        Assert.Contains(_logger.Entries, e => e.Contains("its replication pump ended", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WatchAsync_NodeStopping_NothingGivenUp()
    {
        using var stop = new CancellationTokenSource();
        var pump = new TaskCompletionSource();
        var watch = SyncHost.WatchAsync(pump.Task, GiveUp, _logger, stop.Token);

        await stop.CancelAsync();
        pump.SetResult();
        await watch;

        Assert.Equal(0, _gaveUp);
        Assert.Empty(_logger.Entries);
    }

    private Task<bool> GiveUp()
    {
        _gaveUp++;
        return Task.FromResult(true);
    }
}
