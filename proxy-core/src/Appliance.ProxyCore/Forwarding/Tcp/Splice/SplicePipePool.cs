namespace Appliance.ProxyCore.Forwarding.Tcp.Splice;

/// <summary>
/// The process's spare pipes for splicing (HAProxy keeps one such pool, bounded by <c>maxpipes</c>). A tunnel rents a
/// pipe per spliced direction and gives it back when the direction ends; an empty pipe is kept for the next tunnel, so
/// a short connection costs no pipe2/close calls. Thread-safe.
/// </summary>
public sealed class SplicePipePool : IDisposable
{
    private readonly Stack<SplicePipe> _idle = new();
    private readonly Lock _gate = new();
    private int _open;
    private int _unsupported;
    private long _splicedBytes;
    private long _copiedBytes;

    /// <summary>Splicing needs Linux; elsewhere every rent fails and tunnels copy.</summary>
    public static bool IsPlatformSupported => OperatingSystem.IsLinux();

    /// <summary>False once the kernel refused to splice a socket (seccomp, an old kernel): tunnels copy from then on.</summary>
    public bool IsAvailable => IsPlatformSupported && Volatile.Read(ref _unsupported) == 0;

    /// <summary>Pipes open now, rented or spare.</summary>
    public int OpenPipes => Volatile.Read(ref _open);

    /// <summary>Bytes that went socket to socket through a pipe without entering user space.</summary>
    public long SplicedBytes => Interlocked.Read(ref _splicedBytes);

    /// <summary>
    /// Bytes taken out of a pipe into user space to be sent from there (counted when read): how a tunnel waits for room
    /// in a full send buffer.
    /// </summary>
    public long CopiedBytes => Interlocked.Read(ref _copiedBytes);

    /// <summary>Closes the spare pipes; rented ones close when they come back.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            while (_idle.TryPop(out var pipe))
            {
                _open--;
                pipe.Dispose();
            }

            _unsupported = 1;
        }
    }

    /// <summary>A spare or new pipe; null when splicing is unavailable, <paramref name="maxPipes"/> are open, or pipe2 failed.</summary>
    internal SplicePipe? TryRent(int maxPipes)
    {
        if (!IsAvailable)
        {
            return null;
        }

        lock (_gate)
        {
            if (_idle.TryPop(out var spare))
            {
                return spare;
            }

            if (_open >= maxPipes)
            {
                return null;
            }

            _open++;
        }

        var created = SplicePipe.TryCreate();
        if (created is null)
        {
            lock (_gate)
            {
                _open--;
            }
        }

        return created;
    }

    /// <summary>Keeps an empty pipe for the next tunnel; closes one that still holds bytes (its tunnel was aborted).</summary>
    internal void Return(SplicePipe pipe)
    {
        lock (_gate)
        {
            if (pipe.Pending == 0 && _unsupported == 0)
            {
                _idle.Push(pipe);
                return;
            }

            _open--;
        }

        pipe.Dispose();
    }

    /// <summary>The kernel refused a splice on an empty pipe: stop renting.</summary>
    internal void MarkUnsupported() => Volatile.Write(ref _unsupported, 1);

    internal void CountSpliced(long bytes) => Interlocked.Add(ref _splicedBytes, bytes);

    internal void CountCopied(long bytes) => Interlocked.Add(ref _copiedBytes, bytes);
}
