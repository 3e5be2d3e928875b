using System.Collections.Concurrent;
using Appliance.Contracts;
using Appliance.HaAgent.Arp;
using Appliance.HaAgent.Events;
using Appliance.HaAgent.Linux;
using Appliance.HaAgent.Net;
using Appliance.HaAgent.Tracking;
using Appliance.HaAgent.Vrrp;
using Microsoft.Extensions.Logging;

namespace Appliance.HaAgent.Driver;

/// <summary>
/// The thin loop around one <see cref="VrrpStateMachine"/>. Two dedicated threads and nothing shared with the proxy
/// (DESIGN: advert timing must not share a thread, a lock or the GC-heavy path with it):
/// <list type="bullet">
/// <item>the receive thread blocks on the transport, runs <see cref="VrrpReceiveFilter"/> and queues accepted adverts;</item>
/// <item>the driver thread (nice −10 where allowed) owns the machine: it drains the queue, applies tracker priority
/// changes, fires the machine's timers at <see cref="VrrpStateMachine.NextDeadline"/>, paces GARP frames, and
/// performs every action in the order the machine lists them.</item>
/// </list>
/// Time comes from the injected <see cref="TimeProvider"/>. With the system clock the driver thread's own timed wait is
/// the timer (no timer-queue lock, no thread-pool hop); any other provider is also watched through one of its timers,
/// so a test clock drives the loop. Steady state allocates nothing per advert.
/// </summary>
public sealed partial class VrrpDriver : IAsyncDisposable
{
    // Longest single wait: the loop re-reads its inputs at least this often even with nothing scheduled.
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(1);

    private readonly IVrrpTransport _transport;
    private readonly IVipManager _vips;
    private readonly IGarpSender _garp;
    private readonly RoleEventStream _events;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly VrrpStateMachine _machine;
    private readonly AdvertSender _adverts;
    private readonly GarpPacer _pacer;
    private readonly ConcurrentQueue<TaskCompletionSource> _settleWaiters = new();
    private readonly ManualResetEventSlim _wake = new(false);
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly AdvertReceiver _receiver;
    private readonly ITimer? _clockTimer;
    private readonly long _startTimestamp;

    // Replaced by a reload on the driver thread (VrrpDriver.Reload.cs); the exit path reads the options from any thread.
    private VrrpDriverOptions _options;
    private IReadOnlyList<ITracker> _trackers;
    private int _stopRequested;
    private int _trackersChanged = 1;
    private int _role = (int)HaRole.Initialize;
    private int _priority;
    private byte _trackedPriority;
    private int _threadsStarted;
    private bool _sendFailing;
    private long _garpsSent;

    /// <summary>Creates the driver; nothing runs until <see cref="StartAsync"/>.</summary>
    public VrrpDriver(
        VrrpDriverOptions options,
        IVrrpTransport transport,
        IVipManager vips,
        IGarpSender garp,
        IReadOnlyList<ITracker> trackers,
        RoleEventStream events,
        TimeProvider time,
        ILogger logger)
    {
        _options = options;
        _transport = transport;
        _vips = vips;
        _garp = garp;
        _trackers = trackers;
        _events = events;
        _time = time;
        _logger = logger;
        _machine = new VrrpStateMachine(options.Instance);
        _priority = _machine.Priority;
        _trackedPriority = _machine.Priority;
        _receiver = new AdvertReceiver(
            new VrrpReceiveFilter(options.Instance.VirtualRouterId, options.Authenticator, options.AllowedSources),
            transport, _wake, logger, options.Name);
        var counter = options.Authenticator is null ? null : VrrpAuthCounter.StartingAt(time.GetUtcNow());
        _adverts = new AdvertSender(options, transport, counter);
        _pacer = new GarpPacer(options.VirtualAddresses, options.Garp);
        _startTimestamp = time.GetTimestamp();
        if (!ReferenceEquals(time, TimeProvider.System))
        {
            _clockTimer = time.CreateTimer(static state => ((ManualResetEventSlim)state!).Set(), _wake, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }

        foreach (var tracker in trackers)
        {
            tracker.HealthChanged += OnTrackerChanged;
        }
    }

    /// <summary>The instance name (<c>vrid51</c>).</summary>
    public string Name => _options.Name;

    /// <summary>The current role; readable from any thread.</summary>
    public HaRole Role => (HaRole)Volatile.Read(ref _role);

    /// <summary>The effective priority after trackers; readable from any thread.</summary>
    public byte Priority => (byte)Volatile.Read(ref _priority);

    /// <summary>The receive checks and their drop counters.</summary>
    public VrrpReceiveFilter Filter => _receiver.Filter;

    /// <summary>Adverts sent without error.</summary>
    public long AdvertsSent => _adverts.Sent;

    /// <summary>Adverts the transport refused.</summary>
    public long AdvertsFailed => _adverts.Failed;

    /// <summary>Gratuitous ARP frames sent.</summary>
    public long GarpsSent => Interlocked.Read(ref _garpsSent);

    /// <summary>Completes when the driver loop ends: normally after <see cref="StopAsync"/>, faulted when it failed.</summary>
    public Task Completion => _stopped.Task;

    /// <summary>Starts the threads; completes once the Startup event (RFC 5798 §6.4.1) has been handled.</summary>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _threadsStarted, 1) != 0)
        {
            throw new InvalidOperationException("the driver was already started");
        }

        _receiver.Start();
        new Thread(DriverLoop) { IsBackground = true, Name = $"vrrp {Name}" }.Start();
        return _started.Task.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// The Shutdown event: a master advertises priority 0 so a backup takes over after Skew_Time (RFC 5798 §6.4.3), and
    /// the addresses are removed; then both threads end.
    /// </summary>
    public async Task StopAsync()
    {
        Interlocked.Exchange(ref _stopRequested, 1);
        _wake.Set();
        if (Volatile.Read(ref _threadsStarted) != 0)
        {
            try
            {
                await _stopped.Task.ConfigureAwait(false);
            }
            finally
            {
                await _receiver.StopAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// The last-resort exit path (process exit, unhandled exception): removes every configured address at once from the
    /// calling thread, whatever the driver believes it owns (DESIGN: no exit path leaves the VIP behind).
    /// </summary>
    public void RemoveAddressesNow()
    {
        try
        {
            _vips.RemoveAsync(Volatile.Read(ref _options).VirtualAddresses, CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (Exception e)
        {
            HaLog.ActionFailed(_logger, Name, "removing the virtual addresses on exit", e);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        foreach (var tracker in _trackers)
        {
            tracker.HealthChanged -= OnTrackerChanged;
        }

        _clockTimer?.Dispose();
        _receiver.Dispose();
    }

    /// <summary>
    /// Test accessor: completes after the loop has run one full pass at the clock's current time, with every advert the
    /// receive thread has queued so far handled. Lets tests on a fake clock wait for the driver without sleeping.
    /// </summary>
    internal Task SettleAsync()
    {
        var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _settleWaiters.Enqueue(waiter);
        _wake.Set();
        return waiter.Task;
    }

    private TimeSpan Now() => _time.GetElapsedTime(_startTimestamp);

    private void OnTrackerChanged(object? sender, EventArgs e)
    {
        Interlocked.Exchange(ref _trackersChanged, 1);
        _wake.Set();
    }

    private void DriverLoop()
    {
        ThreadNice.TrySet(ThreadNice.AdvertThreadNice);
        try
        {
            var now = Now();
            ApplyTrackers();
            Execute(_machine.Start(now), now);
            _started.TrySetResult();
            while (true)
            {
                _wake.Reset();
                now = Now();
                if (Volatile.Read(ref _stopRequested) != 0)
                {
                    Execute(_machine.Shutdown(now), now);
                    break;
                }

                if (Interlocked.Exchange(ref _trackersChanged, 0) != 0)
                {
                    ApplyTrackers();
                }

                while (_receiver.TryTake(out var advert))
                {
                    Execute(_machine.OnAdvert(advert, now), now);
                }

                RunSwitchoverCommands(now);
                RunMasterGoneReports(now);
                if (_machine.NextDeadline <= now)
                {
                    Execute(_machine.OnTimer(now), now);
                }

                PublishSwitchoverState();

                SendDueGarps(now);
                while (_settleWaiters.TryDequeue(out var waiter))
                {
                    waiter.TrySetResult();
                }

                Wait(now);
            }

            FailSwitchoverCommands(null);
            _stopped.TrySetResult();
        }
        catch (Exception e)
        {
            HaLog.DriverFailed(_logger, Name, e);
            RemoveAddressesNow();
            FailSwitchoverCommands(e);
            _started.TrySetException(e);
            _stopped.TrySetException(e);
        }
    }

    private void Wait(TimeSpan now)
    {
        var next = _machine.NextDeadline is { } deadline && _pacer.NextDeadline is { } garp
            ? (deadline < garp ? deadline : garp)
            : _machine.NextDeadline ?? _pacer.NextDeadline;
        var delay = next is { } due ? due - now : MaxWait;
        if (delay <= TimeSpan.Zero)
        {
            return;
        }

        delay = delay < MaxWait ? delay : MaxWait;
        _clockTimer?.Change(delay, Timeout.InfiniteTimeSpan);
        // Round up: waking a little late costs microseconds, waking early costs a spin through the loop.
        _wake.Wait((int)Math.Ceiling(delay.TotalMilliseconds));
    }

    private void Execute(VrrpDecision decision, TimeSpan now)
    {
        foreach (var action in decision.Actions)
        {
            switch (action.Kind)
            {
                case VrrpActionKind.SendAdvert:
                    SendAdvert(action.Priority);
                    break;
                case VrrpActionKind.AddVirtualAddresses:
                    ChangeAddresses(_options.VirtualAddresses, add: true);
                    break;
                case VrrpActionKind.RemoveVirtualAddresses:
                    _pacer.Stop();
                    ChangeAddresses(_options.VirtualAddresses, add: false);
                    break;
                case VrrpActionKind.StopGarp:
                    _pacer.Stop();
                    break;
                case VrrpActionKind.SendGarpBurst when action.GarpReason == GarpReason.BecameMaster:
                    _pacer.BecameMaster(now);
                    break;
                case VrrpActionKind.SendGarpBurst:
                    _pacer.Burst(now);
                    break;
            }
        }

        // GARPs due now go out before the event is published: hosts learn the new MAC as early as possible.
        SendDueGarps(now);
        Volatile.Write(ref _role, (int)decision.State);
        if (decision.Transition is { } transition)
        {
            var change = new RoleChangeEvent(
                _events.NextSequence(), Name, transition.From, transition.To, transition.Reason, _machine.Priority,
                _time.GetUtcNow(), transition.Peer, transition.PeerPriority);
            HaLog.RoleChanged(_logger, change);
            _events.Publish(change);
        }
    }

    private void SendAdvert(byte priority)
    {
        var failedBefore = _adverts.Failed;
        var error = _adverts.Send(priority);
        if (error is not null && !_sendFailing)
        {
            _sendFailing = true;
            HaLog.AdvertSendFailing(_logger, Name, error.Message);
        }
        else if (error is null && _sendFailing)
        {
            _sendFailing = false;
            HaLog.AdvertSendRecovered(_logger, Name, failedBefore);
        }
    }

    private void ChangeAddresses(IReadOnlyList<InterfaceAddress> addresses, bool add)
    {
        try
        {
            var pending = add
                ? _vips.AddAsync(addresses, CancellationToken.None)
                : _vips.RemoveAsync(addresses, CancellationToken.None);
            pending.GetAwaiter().GetResult();
            HaLog.AddressesChanged(_logger, Name, add ? "added" : "removed", string.Join(", ", addresses));
        }
        catch (Exception e)
        {
            HaLog.ActionFailed(_logger, Name, add ? "adding the virtual addresses" : "removing the virtual addresses", e);
        }
    }

    private void SendDueGarps(TimeSpan now)
    {
        while (_pacer.TryTakeDue(now, out var frame))
        {
            try
            {
                var pending = _garp.SendAsync(frame!.Device, frame.Address, CancellationToken.None);
                if (!pending.IsCompletedSuccessfully)
                {
                    pending.AsTask().GetAwaiter().GetResult();
                }

                Interlocked.Increment(ref _garpsSent);
            }
            catch (Exception e) when (e is System.Net.Sockets.SocketException or IOException or InvalidOperationException)
            {
                HaLog.GarpFailed(_logger, Name, frame!.Address.ToString(), e.Message);
            }
        }
    }
}
