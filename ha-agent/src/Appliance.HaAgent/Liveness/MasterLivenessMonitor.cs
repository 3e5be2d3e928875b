using System.Net;
using System.Net.Sockets;
using Appliance.Contracts;
using Appliance.HaAgent.Configuration;
using Appliance.HaAgent.Driver;
using Appliance.HaAgent.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Appliance.HaAgent.Liveness;

/// <summary>
/// The IO of the fast takeover (docs/ha.md "Fast takeover when the master process dies"), on the thread pool and never
/// on the driver thread: while this node is a backup it holds one TCP connection to its master's sync peer endpoint
/// (<c>sync_peer</c> or discovered); when that connection ends it probes the port once with <see cref="ProbeTimeout"/>, and
/// <see cref="MasterProcessWatch"/> decides whether to report the master's process gone to the driver.
/// </summary>
public sealed class MasterLivenessMonitor : IAsyncDisposable
{
    /// <summary>A refused connect comes back in one round trip; longer means the host did not answer (proves nothing).</summary>
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromMilliseconds(200);

    /// <summary>How often the driver's master is re-read while holding a connection or waiting for a master.</summary>
    public static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);

    /// <summary>Wait after a liveness connection could not be opened.</summary>
    public static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(1);

    private readonly VrrpDriver _driver;
    private readonly MasterProcessWatch _watch;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;

    /// <summary>Creates the monitor; nothing runs until <see cref="Start"/>.</summary>
    public MasterLivenessMonitor(VrrpDriver driver, IReadOnlyList<SyncPeerConfig> peers, TimeProvider time, ILogger? logger = null)
    {
        _driver = driver;
        _watch = new MasterProcessWatch(peers);
        _time = time;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>
    /// Follows another peer set from now on (the sync node's live one, with discovered peers); the monitor starts with
    /// the <c>sync_peer</c> lines it was created with.
    /// </summary>
    public void UsePeers(Func<IReadOnlyList<SyncPeerConfig>> peers) => _watch.PeerSource = peers;

    /// <summary>Starts the monitor loop.</summary>
    public void Start() => _loop = Task.Run(() => RunAsync(_stop.Token));

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        _stop.Dispose();
    }

    /// <summary>Connects to <paramref name="target"/> within <paramref name="timeout"/> and says how it went.</summary>
    public static async Task<(ProbeOutcome Outcome, Socket? Socket)> ConnectAsync(IPEndPoint target, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var socket = new Socket(target.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            await socket.ConnectAsync(target, limit.Token).ConfigureAwait(false);
            return (ProbeOutcome.Accepted, socket);
        }
        catch (SocketException e)
        {
            socket.Dispose();
            return (e.SocketErrorCode == SocketError.ConnectionRefused ? ProbeOutcome.Refused : ProbeOutcome.Failed, null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            return (ProbeOutcome.TimedOut, null);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private Ipv4Address? CurrentMaster() => _driver.Role == HaRole.Backup ? _driver.MasterAddress : null;

    private async Task RunAsync(CancellationToken token)
    {
        // The connection being held: opened by the loop, or an accepted probe kept (MasterProcessWatch explains why).
        Socket? held = null;
        try
        {
            while (!token.IsCancellationRequested)
            {
                if (_watch.Follow(CurrentMaster()) is not { } target || _watch.Master is not { } master)
                {
                    held?.Dispose();
                    held = null;
                    await Task.Delay(Poll, _time, token).ConfigureAwait(false);
                    continue;
                }

                if (held is null)
                {
                    var (opened, socket) = await ConnectAsync(target, ConnectTimeout, token).ConfigureAwait(false);
                    if (socket is null)
                    {
                        // Refused on a port that accepted this backup for this master: gone. A refused first connect is
                        // no proof (the port may never have had a listener).
                        if (_watch.ProbeFinished(opened) == WatchStep.ReportGone)
                        {
                            Report(master, target);
                            LivenessLog.Ended(_logger, _driver.Name, target.ToString(), 0, $"{opened} (reconnect)");
                            continue;
                        }

                        await Task.Delay(opened == ProbeOutcome.TimedOut ? Poll : RetryDelay, _time, token).ConfigureAwait(false);
                        continue;
                    }

                    _watch.Connected();
                    held = socket;
                    LivenessLog.Holding(_logger, _driver.Name, master.ToString(), target.ToString());
                }

                var since = _time.GetTimestamp();
                bool ended;
                using (held)
                {
                    ended = await HoldAsync(held, master, token).ConfigureAwait(false);
                }

                held = null;
                var heldFor = _time.GetElapsedTime(since);
                var step = ended ? _watch.ConnectionEnded(heldFor) : WatchStep.Nothing;
                if (step == WatchStep.Nothing)
                {
                    continue;
                }

                if (step == WatchStep.PauseThenProbe)
                {
                    await Task.Delay(Poll, _time, token).ConfigureAwait(false);
                }

                var (outcome, probe) = await ConnectAsync(target, ProbeTimeout, token).ConfigureAwait(false);
                if (_watch.ProbeFinished(outcome) == WatchStep.ReportGone)
                {
                    Report(master, target);
                }

                LivenessLog.Ended(_logger, _driver.Name, target.ToString(), (long)heldFor.TotalMilliseconds, outcome.ToString());
                if (probe is not null)
                {
                    // Accepted: alive, or a listener about to close (kill -9 closes the process's sockets one by one).
                    // Held as the connection, its end is probed at once: a reset from a closing listener is not missed.
                    _watch.Connected();
                    held = probe;
                }
            }
        }
        finally
        {
            held?.Dispose();
        }
    }

    private void Report(Ipv4Address master, IPEndPoint target) =>
        _driver.ReportMasterProcessGone(master, $"connection to {target} ended and a new one was refused", _watch.MasterIsOnlyPeer);

    /// <summary>Holds the connection: true when the peer ended it, false when the master changed first.</summary>
    private async Task<bool> HoldAsync(Socket socket, Ipv4Address master, CancellationToken token)
    {
        var buffer = new byte[4096];
        using var hold = CancellationTokenSource.CreateLinkedTokenSource(token);
        var receive = socket.ReceiveAsync(buffer, SocketFlags.None, hold.Token).AsTask();
        try
        {
            while (true)
            {
                var tick = Task.Delay(Poll, _time, token);
                if (await Task.WhenAny(receive, tick).ConfigureAwait(false) == receive)
                {
                    if (await receive.ConfigureAwait(false) == 0)
                    {
                        return true;
                    }

                    // Whatever the server sends (a TLS or HTTP/2 greeting) is not read: only the end matters.
                    receive = socket.ReceiveAsync(buffer, SocketFlags.None, hold.Token).AsTask();
                    continue;
                }

                await tick.ConfigureAwait(false);
                if (CurrentMaster() != master)
                {
                    return false;
                }
            }
        }
        catch (SocketException)
        {
            return true;
        }
        finally
        {
            await hold.CancelAsync().ConfigureAwait(false);
            try
            {
                await receive.ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException)
            {
                // The pending read ends with the hold.
            }
        }
    }
}
