using System.Collections.Concurrent;
using Appliance.HaAgent.Linux;
using Appliance.HaAgent.Vrrp;
using Microsoft.Extensions.Logging;

namespace Appliance.HaAgent.Driver;

/// <summary>
/// The driver's receive thread: blocks on the transport (no thread-pool hop between an advert's arrival and the
/// state machine), runs <see cref="VrrpReceiveFilter"/> (RFC 5798 §7.1 checks, drop counters) and queues accepted
/// adverts for the driver thread, which it wakes. One reused buffer; nothing allocated per packet.
/// </summary>
internal sealed class AdvertReceiver : IDisposable
{
    private readonly IVrrpTransport _transport;
    private readonly ManualResetEventSlim _wake;
    private readonly ILogger _logger;
    private readonly string _name;
    private readonly ConcurrentQueue<ReceivedAdvert> _accepted = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public AdvertReceiver(VrrpReceiveFilter filter, IVrrpTransport transport, ManualResetEventSlim wake, ILogger logger, string name)
    {
        Filter = filter;
        _transport = transport;
        _wake = wake;
        _logger = logger;
        _name = name;
    }

    /// <summary>The receive checks and their counters.</summary>
    public VrrpReceiveFilter Filter { get; }

    public void Start() => new Thread(Run) { IsBackground = true, Name = $"vrrp-recv {_name}" }.Start();

    /// <summary>The next accepted advert, in arrival order.</summary>
    public bool TryTake(out ReceivedAdvert advert) => _accepted.TryDequeue(out advert);

    /// <summary>Ends the thread (within the transport's poll slice) and waits for it.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _stopped.Task.ConfigureAwait(false);
    }

    public void Dispose() => _stop.Dispose();

    private void Run()
    {
        ThreadNice.TrySet(ThreadNice.AdvertThreadNice);
        var buffer = new byte[4096];
        var token = _stop.Token;
        try
        {
            while (!token.IsCancellationRequested)
            {
                int length;
                try
                {
                    var pending = _transport.ReceiveAsync(buffer, token);
                    length = pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult();
                }
                catch (OperationCanceledException)
                {
                    break;
                }
                catch (ObjectDisposedException)
                {
                    break;
                }
                catch (Exception e)
                {
                    HaLog.ReceiveFailed(_logger, _name, e);
                    // A persistent error must not spin: wait a little, or until stopped.
                    token.WaitHandle.WaitOne(100);
                    continue;
                }

                if (Filter.TryAccept(buffer.AsSpan(0, length), out var advert, out _))
                {
                    _accepted.Enqueue(advert);
                    _wake.Set();
                }
            }
        }
        finally
        {
            _stopped.TrySetResult();
        }
    }
}
