using Appliance.Contracts;
using Appliance.HaAgent.Events;
using Appliance.HaAgent.Notify;
using Appliance.HaAgent.Vrrp;
using Microsoft.Extensions.Logging.Abstractions;

namespace Appliance.HaAgent.Tests.Notify;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class NotifyRunnerTests
{
    [Fact]
    public async Task Run_ThreeChanges_ProgramRunsOncePerChangeInOrderWithKeepalivedArguments()
    {
        var folder = Directory.CreateTempSubdirectory("notify-");
        try
        {
            var log = Path.Combine(folder.FullName, "calls");
            var script = Path.Combine(folder.FullName, "notify.sh");
            // Each call sleeps a little first: overlapping runs would interleave or reorder the lines.
            File.WriteAllText(script, $"#!/bin/sh\nsleep 0.05\necho \"$*\" >> {log}\n");
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var stream = new RoleEventStream();
            var runner = new NotifyRunner(script, TimeSpan.FromSeconds(10), stream.Subscribe(), TimeProvider.System, NullLogger.Instance);

            stream.Publish(Change(stream.NextSequence(), HaRole.Initialize, HaRole.Backup, 150));
            stream.Publish(Change(stream.NextSequence(), HaRole.Backup, HaRole.Master, 150));
            stream.Publish(Change(stream.NextSequence(), HaRole.Master, HaRole.Initialize, 150));
            stream.Complete();
            await runner.Completion.WaitAsync(TimeSpan.FromSeconds(20));

            Assert.Equal(["INSTANCE vrid51 BACKUP 150", "INSTANCE vrid51 MASTER 150", "INSTANCE vrid51 STOP 150"], File.ReadAllLines(log));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Run_ProgramOverrunsTimeout_KilledAndNextChangeStillDelivered()
    {
        var folder = Directory.CreateTempSubdirectory("notify-");
        try
        {
            var log = Path.Combine(folder.FullName, "calls");
            var script = Path.Combine(folder.FullName, "notify.sh");
            File.WriteAllText(script, $"#!/bin/sh\necho \"$3\" >> {log}\n[ \"$3\" = MASTER ] && exec sleep 30\nexit 0\n");
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var stream = new RoleEventStream();
            var runner = new NotifyRunner(script, TimeSpan.FromMilliseconds(300), stream.Subscribe(), TimeProvider.System, NullLogger.Instance);

            stream.Publish(Change(stream.NextSequence(), HaRole.Backup, HaRole.Master, 100));
            stream.Publish(Change(stream.NextSequence(), HaRole.Master, HaRole.Backup, 100));
            stream.Complete();
            await runner.Completion.WaitAsync(TimeSpan.FromSeconds(10));

            Assert.Equal(["MASTER", "BACKUP"], File.ReadAllLines(log));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Change_ProgramReplacedThenRemoved_EachEventRunsWhatIsSetWhenItIsRead()
    {
        var folder = Directory.CreateTempSubdirectory("notify-");
        try
        {
            var log = Path.Combine(folder.FullName, "calls");
            string Script(string name)
            {
                var path = Path.Combine(folder.FullName, name);
                File.WriteAllText(path, $"#!/bin/sh\necho \"{name} $3\" >> {log}\n");
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                return path;
            }

            var first = Script("a");
            var second = Script("b");
            var stream = new RoleEventStream();
            var runner = new NotifyRunner(first, TimeSpan.FromSeconds(10), stream.Subscribe(), TimeProvider.System, NullLogger.Instance);

            // Each change follows the previous program's line, so the runner has read that event before the change.
            stream.Publish(Change(stream.NextSequence(), HaRole.Initialize, HaRole.Backup, 100));
            await WaitForLinesAsync(log, 1);
            runner.Change(second, TimeSpan.FromSeconds(10));
            stream.Publish(Change(stream.NextSequence(), HaRole.Backup, HaRole.Master, 100));
            await WaitForLinesAsync(log, 2);
            runner.Change(null, TimeSpan.FromSeconds(10));
            Assert.Null(runner.Program);
            stream.Publish(Change(stream.NextSequence(), HaRole.Master, HaRole.Backup, 100));
            stream.Complete();
            await runner.Completion.WaitAsync(TimeSpan.FromSeconds(10));

            Assert.Equal(["a BACKUP", "b MASTER"], File.ReadAllLines(log));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task WaitForLinesAsync(string path, int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!File.Exists(path) || File.ReadAllLines(path).Length < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the notify program never wrote line {count}");
            await Task.Delay(10);
        }
    }

    private static RoleChangeEvent Change(long sequence, HaRole from, HaRole to, byte priority) =>
        new(sequence, "vrid51", from, to, VrrpTransitionReason.MasterDown, priority, DateTimeOffset.UnixEpoch);
}
