using System.Buffers;
using System.Text;
using System.Threading.Channels;
using Appliance.ProxyCore.Logging;

namespace Appliance.Host.Logging;

/// <summary>
/// One <c>log</c> target: a fixed-capacity queue that callers fill without ever blocking, and one sender loop that
/// adds the syslog header, frames and sends. When the queue is full (target slow or down) a line is dropped and
/// counted; so is a line the transport could not send.
/// </summary>
internal sealed class SyslogTarget : ILogTargetWriter, IAsyncDisposable
{
    /// <summary>4096 lines: a few seconds of a busy frontend, at most 4 MiB per target with the default 1024-byte len.</summary>
    public const int DefaultCapacity = 4096;

    /// <summary>1 s: how long shutdown lets the sender drain the queue before the rest is dropped.</summary>
    public static readonly TimeSpan DrainGrace = TimeSpan.FromSeconds(1);

    private readonly Channel<SyslogEntry> _queue;

    // Line buffers (len bytes each) go back here once sent: a bounded channel keeps them without allocating, where
    // ArrayPool.Shared allocated on the data path's threads because the sender returns buffers on its own thread.
    private readonly Channel<byte[]> _free;
    private readonly ISyslogTransport _transport;
    private readonly SyslogIdentity _identity;
    private readonly SyslogFormat _format;
    private readonly int _processId;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sender;
    private long _sent;
    private long _dropped;

    /// <param name="target">The configured target.</param>
    /// <param name="transport">How to reach it; disposed with this target.</param>
    /// <param name="identity">Hostname and tag for the header.</param>
    /// <param name="processId">The PID in the header.</param>
    /// <param name="time">The clock of the header timestamps and of the reconnect backoff.</param>
    /// <param name="capacity">Queue length; default <see cref="DefaultCapacity"/>.</param>
    public SyslogTarget(LogTarget target, ISyslogTransport transport, SyslogIdentity identity, int processId, TimeProvider time, int capacity = DefaultCapacity)
    {
        Target = target;
        _transport = transport;
        _identity = identity;
        _format = target.EffectiveFormat(identity.SendHostname);
        _processId = processId;
        _time = time;
        _queue = Channel.CreateBounded<SyslogEntry>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait, // with TryWrite only: a full queue refuses instead of waiting
        });
        _free = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropWrite });
        _sender = Task.Run(SendLoopAsync);
    }

    public LogTarget Target { get; }

    /// <summary>Lines sent so far.</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>Lines dropped so far (queue full, send failed, or left at shutdown).</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public SyslogTargetStats Stats => new(Target.Address, Target.Transport, Sent, Dropped);

    /// <summary>Queues an access line (MSGID <c>-</c>, as HAProxy sends them).</summary>
    public void Write(SyslogSeverity severity, ReadOnlySpan<byte> message) => Enqueue(severity, message, "-");

    /// <summary>Queues an appliance event with its RFC 5424 MSGID.</summary>
    public void WriteEvent(SyslogSeverity severity, string messageId, string text)
    {
        if (!Target.Admits(severity, out _))
        {
            return;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(Encoding.UTF8.GetByteCount(text), 1));
        try
        {
            var written = Encoding.UTF8.GetBytes(text, buffer);
            Enqueue(severity, buffer.AsSpan(0, written), messageId);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        try
        {
            await _sender.WaitAsync(DrainGrace, _time).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            await _stop.CancelAsync().ConfigureAwait(false);
            await _sender.ConfigureAwait(false);
        }

        while (_queue.Reader.TryRead(out var left))
        {
            Drop(left);
        }

        await _transport.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }

    private void Enqueue(SyslogSeverity severity, ReadOnlySpan<byte> message, string messageId)
    {
        if (!Target.Admits(severity, out var sent))
        {
            return;
        }

        var length = Math.Min(message.Length, Target.MaxLength);
        var buffer = _free.Reader.TryRead(out var free) ? free : new byte[Math.Max(Target.MaxLength, 1)];
        message[..length].CopyTo(buffer);
        if (!_queue.Writer.TryWrite(new SyslogEntry(buffer, length, sent, _time.GetUtcNow(), messageId)))
        {
            _free.Writer.TryWrite(buffer);
            Interlocked.Increment(ref _dropped);
        }
    }

    private async Task SendLoopAsync()
    {
        // Header + text fit in len; room before it for an octet count, after it for the LF.
        var frame = new byte[OctetCounting.PrefixRoom + Target.MaxLength + 1];
        var zone = _time.LocalTimeZone;
        var sending = false;
        try
        {
            // No token on the wait: a cancellable wait allocates its waiter each time the queue runs dry (once per line
            // at moderate rates); the writer's completion ends it, and a stop past the grace period is checked per line.
            while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (_queue.Reader.TryRead(out var entry))
                {
                    if (_stop.IsCancellationRequested)
                    {
                        _free.Writer.TryWrite(entry.Buffer);
                        Interlocked.Increment(ref _dropped);
                        continue;
                    }

                    var header = new SyslogHeader(_format, Target.Facility, entry.Severity, TimeZoneInfo.ConvertTime(entry.Timestamp, zone), _identity, _processId, entry.MessageId);
                    var start = OctetCounting.PrefixRoom;
                    int end;
                    if (_transport.Framing == SyslogFraming.OctetCounted)
                    {
                        end = start + SyslogFrameFormatter.Write(frame.AsSpan(start), header, entry.Buffer.AsSpan(0, entry.Length), Target.MaxLength);
                        start = OctetCounting.WritePrefix(frame, start, end - start);
                    }
                    else
                    {
                        // HAProxy keeps one byte of len for the LF that ends each datagram or line.
                        end = start + SyslogFrameFormatter.Write(frame.AsSpan(start), header, entry.Buffer.AsSpan(0, entry.Length), Target.MaxLength - 1);
                        frame[end++] = (byte)'\n';
                    }

                    _free.Writer.TryWrite(entry.Buffer);
                    sending = true;
                    var ok = await _transport.SendAsync(frame.AsMemory(start, end - start), _stop.Token).ConfigureAwait(false);
                    sending = false;
                    Interlocked.Increment(ref ok ? ref _sent : ref _dropped);
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Shutdown past the grace period: a line cut off in the middle of its send counts as dropped.
            if (sending)
            {
                Interlocked.Increment(ref _dropped);
            }
        }
    }

    private void Drop(SyslogEntry entry)
    {
        _free.Writer.TryWrite(entry.Buffer);
        Interlocked.Increment(ref _dropped);
    }
}
