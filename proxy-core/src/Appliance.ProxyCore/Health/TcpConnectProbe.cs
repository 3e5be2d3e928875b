namespace Appliance.ProxyCore.Health;

/// <summary>HAProxy's default check: the server passes when it accepts a TCP connection ("Layer4 check passed").</summary>
public sealed class TcpConnectProbe : IHealthProbe
{
    private readonly CheckTarget _target;
    private readonly CheckTimeouts _timeouts;
    private readonly TimeProvider _time;
    private readonly IHostResolver _resolver;

    public TcpConnectProbe(CheckTarget target, CheckTimeouts timeouts, TimeProvider timeProvider, IHostResolver resolver)
    {
        _target = target;
        _timeouts = timeouts;
        _time = timeProvider;
        _resolver = resolver;
    }

    public async ValueTask<ProbeResult> RunAsync(CancellationToken cancellationToken)
    {
        using var deadline = new CheckDeadline(_timeouts, _time, cancellationToken);
        var (socket, failure) = await ProbeConnector.ConnectAsync(_target, _resolver, deadline).ConfigureAwait(false);
        if (socket is null)
        {
            return failure;
        }

        socket.Dispose();
        return ProbeResult.Layer4Passed();
    }
}
