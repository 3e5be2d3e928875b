using System.Globalization;
using Appliance.Host.Store;
using Appliance.Tests.Common;

namespace Appliance.Host.Tests.Store;

public sealed class PidFileTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly ListLogger _logger = new();

    private StateDirectory Dir => new(Path.Combine(_temp.Path, "state"));

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Create_ThenDispose_WritesThisProcessIdThenRemovesIt()
    {
        var pidFile = PidFile.Create(Dir, _logger);

        Assert.Equal($"{Environment.ProcessId}\n", File.ReadAllText(Dir.PidFilePath));
        pidFile!.Dispose();
        Assert.False(File.Exists(Dir.PidFilePath));
    }

    [Fact]
    public void Dispose_RewrittenByAnotherProcess_LeftInPlace()
    {
        var pidFile = PidFile.Create(Dir, _logger)!;
        File.WriteAllText(Dir.PidFilePath, "1\n");

        pidFile.Dispose();

        Assert.Equal("1\n", File.ReadAllText(Dir.PidFilePath));
    }

    [Fact]
    public void FindRunning_NoFile_NullWithReason()
    {
        Assert.Null(PidFile.FindRunning(Dir, out var reason));
        Assert.Equal($"no pid file at {Dir.PidFilePath}", reason);
    }

    [Fact]
    public void FindRunning_Garbage_NullWithReason()
    {
        Dir.EnsureCreated();
        File.WriteAllText(Dir.PidFilePath, "twelve\n");

        Assert.Null(PidFile.FindRunning(Dir, out var reason));
        Assert.Equal($"{Dir.PidFilePath} does not hold a process id (it holds 'twelve')", reason);
    }

    [Fact]
    public void FindRunning_PidOfAnotherProgram_NullAsStale()
    {
        // The test host is alive but is not 'appliance run': a reused pid must never receive SIGHUP (it would die).
        PidFile.Create(Dir, _logger);

        Assert.Null(PidFile.FindRunning(Dir, out var reason));
        Assert.Equal(
            $"process {Environment.ProcessId.ToString(CultureInfo.InvariantCulture)} named by {Dir.PidFilePath} is not running 'appliance run' (a stale pid file)",
            reason);
    }

    [Fact]
    public void Create_DirectoryIsAFile_NullAndWarning()
    {
        var blocker = _temp.Write("state", "a file where the directory should be");

        Assert.Null(PidFile.Create(new StateDirectory(blocker), _logger));
        Assert.Single(_logger.Entries, e => e.StartsWith($"Warning: Pid file {blocker}/appliance.pid could not be written", StringComparison.Ordinal));
    }
}
