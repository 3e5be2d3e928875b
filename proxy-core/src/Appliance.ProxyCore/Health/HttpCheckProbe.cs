using System.Net.Sockets;
using Appliance.ProxyCore.Configuration;

namespace Appliance.ProxyCore.Health;

/// <summary><c>option httpchk</c>: send one request, judge the status line (<see cref="HttpCheckResponse"/>).</summary>
public sealed class HttpCheckProbe : IHealthProbe
{
    private readonly CheckTarget _target;
    private readonly HttpCheckConfig _check;
    private readonly byte[] _request;
    private readonly CheckTimeouts _timeouts;
    private readonly TimeProvider _time;
    private readonly IHostResolver _resolver;

    /// <param name="target">Where to connect.</param>
    /// <param name="check">The request and the expected status.</param>
    /// <param name="serverHost">The server's host, for the HTTP/1.1 <c>Host</c> header when none is configured.</param>
    /// <param name="timeouts">The check's budgets.</param>
    /// <param name="timeProvider">The clock the budgets run on.</param>
    /// <param name="resolver">Resolves <paramref name="target"/> when it is a name.</param>
    public HttpCheckProbe(CheckTarget target, HttpCheckConfig check, string serverHost, CheckTimeouts timeouts, TimeProvider timeProvider, IHostResolver resolver)
    {
        _target = target;
        _check = check;
        _request = HttpCheckRequest.Build(check, serverHost);
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

        using (socket)
        {
            deadline.Connected();
            try
            {
                await socket.SendAsync(_request, SocketFlags.None, deadline.Token).ConfigureAwait(false);
                var buffer = new byte[HttpCheckResponse.MaxStatusLineLength];
                var filled = 0;
                while (true)
                {
                    var read = await socket.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, deadline.Token).ConfigureAwait(false);
                    filled += read;
                    if (HttpCheckResponse.Evaluate(buffer.AsSpan(0, filled), closed: read == 0, _check.ExpectStatus) is { } result)
                    {
                        return result;
                    }
                }
            }
            catch (OperationCanceledException) when (deadline.TimedOut)
            {
                return ProbeResult.Layer7Timeout();
            }
            catch (SocketException ex)
            {
                return ProbeResult.SocketError(ProbeConnector.ErrorText(ex));
            }
        }
    }
}
