using System.Text;
using Appliance.Host.Logging;

namespace Appliance.Host.Tests.Logging;

/// <summary>A transport that keeps each frame as text, or fails every send.</summary>
internal sealed class CapturingTransport(SyslogFraming framing = SyslogFraming.NewlineTerminated) : ISyslogTransport
{
    private readonly List<string> _frames = [];

    public SyslogFraming Framing => framing;

    public bool Fail { get; init; }

    public IReadOnlyList<string> Frames
    {
        get
        {
            lock (_frames)
            {
                return [.. _frames];
            }
        }
    }

    public ValueTask<bool> SendAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken)
    {
        if (Fail)
        {
            return ValueTask.FromResult(false);
        }

        lock (_frames)
        {
            _frames.Add(Encoding.UTF8.GetString(frame.Span));
        }

        return ValueTask.FromResult(true);
    }

    /// <summary>True once the target closed its transport.</summary>
    public bool Disposed { get; private set; }

    public ValueTask DisposeAsync()
    {
        Disposed = true;
        return ValueTask.CompletedTask;
    }
}
