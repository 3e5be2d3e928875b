using System.Collections.Concurrent;
using Appliance.Contracts;
using Appliance.HaAgent.Net;
using Appliance.HaAgent.Vrrp;

namespace Appliance.HaAgent.Driver;

/// <summary>
/// Planned switchover (docs/ha.md "Planned switchover"): callers on any thread queue a command; the driver thread applies
/// it to the state machine between adverts and timers and performs the decision like any other (the priority-0 advert
/// leaves on the same path and thread as every advert), then completes the caller's task with the role after it.
/// </summary>
public sealed partial class VrrpDriver
{
    private readonly ConcurrentQueue<SwitchoverCommand> _commands = new();
    private long _masterAddress = -1;
    private int _held;
    private int _override = -1;

    /// <summary>In Backup: the master whose adverts this node accepts now (the last one heard); null when none is known.</summary>
    public Ipv4Address? MasterAddress => Volatile.Read(ref _masterAddress) is var value and >= 0 ? new Ipv4Address((uint)value) : null;

    /// <summary>True while a <see cref="ResignAsync"/> hold keeps this node from preempting.</summary>
    public bool IsHeld => Volatile.Read(ref _held) != 0;

    /// <summary>The priority an override runs this node at (before tracker penalties); null = none.</summary>
    public byte? PriorityOverride => Volatile.Read(ref _override) is var value and >= 0 ? (byte)value : null;

    /// <summary>
    /// <see cref="VrrpStateMachine.Resign"/> on the driver thread: a master advertises priority 0, removes the VIPs and is
    /// held in Backup for <paramref name="hold"/> (null = until <see cref="ReleaseAsync"/>). Completes with the role after.
    /// </summary>
    public Task<HaRole> ResignAsync(TimeSpan? hold) =>
        Enqueue(hold is null ? "resign, held until released" : $"resign, held for {hold}", (machine, now) => machine.Resign(now, hold));

    /// <summary>
    /// <see cref="VrrpStateMachine.OverridePriority"/> on the driver thread: runs at <paramref name="priority"/> (1..254)
    /// for <paramref name="duration"/> (null = until <see cref="ReleaseAsync"/>); null priority ends the override.
    /// </summary>
    public Task<HaRole> OverridePriorityAsync(byte? priority, TimeSpan? duration) =>
        Enqueue(
            priority is null ? "priority override ended" : $"priority override {priority} {(duration is null ? "until released" : $"for {duration}")}",
            (machine, now) =>
            {
                machine.OverridePriority(priority, now, duration);
                return VrrpDecision.Nothing(machine.State);
            });

    /// <summary>Ends a hold and a priority override (<see cref="VrrpStateMachine.Release"/>).</summary>
    public Task<HaRole> ReleaseAsync() =>
        Enqueue("released (hold and priority override ended)", (machine, _) =>
        {
            machine.Release();
            return VrrpDecision.Nothing(machine.State);
        });

    private Task<HaRole> Enqueue(string what, Func<VrrpStateMachine, TimeSpan, VrrpDecision> apply, bool reload = false)
    {
        var command = new SwitchoverCommand(what, apply, new TaskCompletionSource<HaRole>(TaskCreationOptions.RunContinuationsAsynchronously), reload);
        if (Volatile.Read(ref _threadsStarted) == 0 || Volatile.Read(ref _stopRequested) != 0 || _stopped.Task.IsCompleted)
        {
            command.Done.TrySetException(new InvalidOperationException($"{Name}: the driver is not running"));
            return command.Done.Task;
        }

        _commands.Enqueue(command);
        _wake.Set();
        // The loop may have drained its queue and ended between the check and the enqueue.
        if (_stopped.Task.IsCompleted)
        {
            FailSwitchoverCommands(null);
        }

        return command.Done.Task;
    }

    private void RunSwitchoverCommands(TimeSpan now)
    {
        while (_commands.TryDequeue(out var command))
        {
            try
            {
                var before = _machine.Priority;
                Execute(command.Apply(_machine, now), now);
                if (command.IsReload)
                {
                    HaLog.Reloaded(_logger, Name, command.What);
                }
                else
                {
                    HaLog.Switchover(_logger, Name, command.What);
                }

                if (_machine.Priority != before)
                {
                    HaLog.PriorityOverridden(_logger, Name, before, _machine.Priority, command.What);
                    Volatile.Write(ref _priority, _machine.Priority);
                }

                PublishSwitchoverState();
                command.Done.TrySetResult(_machine.State);
            }
            catch (ArgumentException e)
            {
                command.Done.TrySetException(e);
            }
        }
    }

    /// <summary>Copies what other threads read (priority, master, hold, override) after each pass; logs an override's end.</summary>
    private void PublishSwitchoverState()
    {
        var priority = _machine.Priority;
        var previous = (byte)Volatile.Read(ref _priority);
        if (priority != previous)
        {
            HaLog.PriorityOverridden(_logger, Name, previous, priority, "priority override ended");
            Volatile.Write(ref _priority, priority);
        }

        Volatile.Write(ref _masterAddress, _machine.MasterAddress is { } master ? master.Value : -1);
        Volatile.Write(ref _held, _machine.HoldUntil is null ? 0 : 1);
        Volatile.Write(ref _override, _machine.PriorityOverride ?? -1);
    }

    private void FailSwitchoverCommands(Exception? error)
    {
        while (_commands.TryDequeue(out var command))
        {
            command.Done.TrySetException(error ?? new InvalidOperationException($"{Name}: the driver stopped"));
        }
    }

    private sealed record SwitchoverCommand(string What, Func<VrrpStateMachine, TimeSpan, VrrpDecision> Apply, TaskCompletionSource<HaRole> Done, bool IsReload = false);
}
