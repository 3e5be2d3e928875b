using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Appliance.LabTests.Infrastructure;

/// <summary>
/// The lab's client: a dedicated thread that enters the client's network namespace (setns affects only that thread, and
/// a socket belongs to the namespace it was created in) and every <see cref="Period"/> starts an attempt: a TCP
/// connection to the VIP that must deliver one byte, which the backend sends first, through the proxy of whichever node
/// owns the VIP. Attempts overlap (each has its own socket and a <see cref="AttemptTimeout"/>), so one that hangs on a
/// frozen proxy or an unanswered ARP never delays the next: the outage, the longest gap between the starts of two
/// consecutive successful attempts, is measured to the 10 ms period whatever the failure looks like. A frozen proxy
/// whose kernel still accepts connections counts as down, since the byte never comes.
/// </summary>
internal sealed class ClientProbe : IDisposable
{
    /// <summary>10 ms between attempt starts.</summary>
    public static readonly TimeSpan Period = TimeSpan.FromMilliseconds(10);

    /// <summary>An attempt not done within 500 ms failed (a healthy one takes about a millisecond).</summary>
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromMilliseconds(500);

    private readonly string _namespace;
    private readonly IPEndPoint _target;
    private readonly Thread _thread;
    private readonly List<(long Started, bool Ok)> _attempts = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _running = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _pending;
    private int _refused;
    private int _timedOut;

    public ClientProbe(string clientNamespace, IPEndPoint target)
    {
        _namespace = clientNamespace;
        _target = target;
        _thread = new Thread(Run) { IsBackground = true, Name = "lab client probe" };
        _thread.Start();
    }

    /// <summary>
    /// Waits until <paramref name="successes"/> consecutive attempts started after <paramref name="since"/> (a
    /// <see cref="Stopwatch"/> timestamp; default: any time) have succeeded.
    /// </summary>
    public async Task WaitForServiceAsync(int successes, TimeSpan timeout, long since = 0)
    {
        await _running.Task.WaitAsync(timeout);
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (TrailingSuccesses(since) < successes)
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"the client never had {successes} successes in a row through the VIP ({Summary()})");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>
    /// The longest gap between the starts of consecutive successful attempts from the last success before
    /// <paramref name="since"/> (a <see cref="Stopwatch"/> timestamp) on.
    /// </summary>
    public TimeSpan Outage(long since)
    {
        List<long> successes;
        lock (_attempts)
        {
            var ok = _attempts.Where(a => a.Ok).Select(a => a.Started).Order().ToList();
            var before = ok.Where(t => t <= since).DefaultIfEmpty(since).Max();
            successes = [before, .. ok.Where(t => t > since)];
        }

        if (successes.Count < 2)
        {
            throw new InvalidOperationException($"no successful attempt since the fault ({Summary()})");
        }

        var gap = successes.Zip(successes.Skip(1), (a, b) => b - a).Max();
        return TimeSpan.FromSeconds(gap / (double)Stopwatch.Frequency);
    }

    /// <summary>The runs of failed attempts started after <paramref name="since"/>, as millisecond offsets from it, for messages.</summary>
    public string FailureRuns(long since)
    {
        List<(long Started, bool Ok)> attempts;
        lock (_attempts)
        {
            attempts = [.. _attempts.Where(a => a.Started > since).OrderBy(a => a.Started)];
        }

        var runs = new List<string>();
        for (var i = 0; i < attempts.Count; i++)
        {
            if (attempts[i].Ok)
            {
                continue;
            }

            var first = i;
            while (i + 1 < attempts.Count && !attempts[i + 1].Ok)
            {
                i++;
            }

            runs.Add($"{Offset(attempts[first].Started)}-{Offset(attempts[i].Started)} ms ({i - first + 1})");
        }

        return runs.Count == 0 ? "none" : string.Join(", ", runs);

        long Offset(long timestamp) => (long)((timestamp - since) * 1000.0 / Stopwatch.Frequency);
    }

    /// <summary>Attempts and failures so far, for messages.</summary>
    public string Summary()
    {
        lock (_attempts)
        {
            // Refused = the VIP's owner answered RST (a node whose proxy is gone still holds the VIP); timed out = no
            // answer in time (nobody owns the VIP yet, or a frozen proxy).
            return $"{_attempts.Count} attempts, {_attempts.Count(a => !a.Ok)} failed (refused {_refused}, timed out {_timedOut})";
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _thread.Join(TimeSpan.FromSeconds(5));
        var deadline = Stopwatch.GetTimestamp() + (2 * Stopwatch.Frequency);
        while (Volatile.Read(ref _pending) > 0 && Stopwatch.GetTimestamp() < deadline)
        {
            Thread.Sleep(10);
        }

        _stop.Dispose();
    }

    private int TrailingSuccesses(long since)
    {
        lock (_attempts)
        {
            var ordered = _attempts.Where(a => a.Started > since).OrderBy(a => a.Started).ToList();
            var count = 0;
            for (var i = ordered.Count - 1; i >= 0 && ordered[i].Ok; i--)
            {
                count++;
            }

            return count;
        }
    }

    private void Run()
    {
        try
        {
            Posix.EnterNetworkNamespace(_namespace);
        }
        catch (Exception e)
        {
            _running.TrySetException(e);
            return;
        }

        _running.TrySetResult();
        var next = Stopwatch.GetTimestamp();
        var period = (long)(Period.TotalSeconds * Stopwatch.Frequency);
        while (!_stop.IsCancellationRequested)
        {
            var started = Stopwatch.GetTimestamp();
            // Created here, on the thread inside the client's namespace; the rest of the attempt may run anywhere.
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            Interlocked.Increment(ref _pending);
            _ = AttemptAsync(socket, started);
            next += period;
            var wait = TimeSpan.FromSeconds((next - Stopwatch.GetTimestamp()) / (double)Stopwatch.Frequency);
            if (wait > TimeSpan.Zero)
            {
                Thread.Sleep(wait);
            }
        }
    }

    private async Task AttemptAsync(Socket socket, long started)
    {
        var ok = false;
        var refused = false;
        var timedOut = false;
        try
        {
            using var timeout = new CancellationTokenSource(AttemptTimeout);
            socket.LingerState = new LingerOption(true, 0);
            await socket.ConnectAsync(_target, timeout.Token);
            var buffer = new byte[1];
            ok = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token) == 1;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
        {
            refused = true;
        }
        catch (OperationCanceledException)
        {
            timedOut = true;
        }
        catch (Exception e) when (e is SocketException or IOException)
        {
            ok = false;
        }
        finally
        {
            socket.Dispose();
            lock (_attempts)
            {
                _attempts.Add((started, ok));
                _refused += refused ? 1 : 0;
                _timedOut += timedOut ? 1 : 0;
            }

            Interlocked.Decrement(ref _pending);
        }
    }
}
