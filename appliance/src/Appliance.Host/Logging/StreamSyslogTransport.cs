namespace Appliance.Host.Logging;

/// <summary>The <c>stdout</c> / <c>stderr</c> targets: one line per message on the process's stream.</summary>
internal sealed class StreamSyslogTransport(Stream stream) : ISyslogTransport
{
    public SyslogFraming Framing => SyslogFraming.NewlineTerminated;

    public async ValueTask<bool> SendAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken)
    {
        try
        {
            await stream.WriteAsync(frame, cancellationToken).ConfigureAwait(false);
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
