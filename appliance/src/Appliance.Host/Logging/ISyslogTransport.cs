namespace Appliance.Host.Logging;

/// <summary>Delivers framed messages to one target; used by one <see cref="SyslogTarget"/> sender loop at a time.</summary>
internal interface ISyslogTransport : IAsyncDisposable
{
    SyslogFraming Framing { get; }

    /// <summary>Sends one frame; false when it could not (target down, error, waiting out a reconnect backoff).</summary>
    ValueTask<bool> SendAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken);
}
