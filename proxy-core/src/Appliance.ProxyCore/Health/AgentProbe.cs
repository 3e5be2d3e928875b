using System.Net.Sockets;
using System.Text;

namespace Appliance.ProxyCore.Health;

/// <summary>
/// HAProxy's agent-check exchange: connect to the agent, send <c>agent-send</c> verbatim if set, read one line ended by
/// CR or LF and parse it (<see cref="AgentReplyParser"/>).
/// </summary>
public sealed class AgentProbe : IAgentProbe
{
    /// <summary>
    /// The longest reply read. Real agents answer a few words; HAProxy's bound is its 16 KiB buffer, ours is smaller
    /// because nothing useful fits in a longer line.
    /// </summary>
    public const int MaxReplyLength = 1024;

    private readonly CheckTarget _target;
    private readonly byte[]? _send;
    private readonly CheckTimeouts _timeouts;
    private readonly TimeProvider _time;
    private readonly IHostResolver _resolver;

    /// <param name="target">The agent's address and port.</param>
    /// <param name="send">The <c>agent-send</c> string, sent as is (include a line end if the agent wants one); <c>null</c> sends nothing.</param>
    /// <param name="timeouts">The exchange's budgets (<c>agent-inter</c> and <c>timeout check</c>).</param>
    /// <param name="timeProvider">The clock the budgets run on.</param>
    /// <param name="resolver">Resolves <paramref name="target"/> when it is a name.</param>
    public AgentProbe(CheckTarget target, string? send, CheckTimeouts timeouts, TimeProvider timeProvider, IHostResolver resolver)
    {
        _target = target;
        _send = string.IsNullOrEmpty(send) ? null : Encoding.Latin1.GetBytes(send);
        _timeouts = timeouts;
        _time = timeProvider;
        _resolver = resolver;
    }

    public async ValueTask<AgentProbeResult> RunAsync(CancellationToken cancellationToken)
    {
        using var deadline = new CheckDeadline(_timeouts, _time, cancellationToken);
        var (socket, failure) = await ProbeConnector.ConnectAsync(_target, _resolver, deadline).ConfigureAwait(false);
        if (socket is null)
        {
            return AgentProbeResult.Unreachable(failure.Describe());
        }

        using (socket)
        {
            deadline.Connected();
            try
            {
                if (_send is not null)
                {
                    await socket.SendAsync(_send, SocketFlags.None, deadline.Token).ConfigureAwait(false);
                }

                var buffer = new byte[MaxReplyLength];
                var filled = 0;
                while (true)
                {
                    var read = await socket.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, deadline.Token).ConfigureAwait(false);
                    filled += read;
                    if (AgentReplyParser.TryReadLine(buffer.AsSpan(0, filled), out var line))
                    {
                        return AgentProbeResult.Replied(AgentReplyParser.Parse(line));
                    }

                    if (read == 0)
                    {
                        // HAProxy's own words (src/tcpcheck.c): a line without its end is not trusted.
                        return AgentProbeResult.NoUsableReply("Ignoring incomplete line from agent");
                    }

                    if (filled == buffer.Length)
                    {
                        return AgentProbeResult.NoUsableReply($"Ignoring agent reply longer than {MaxReplyLength} bytes without a line end");
                    }
                }
            }
            catch (OperationCanceledException) when (deadline.TimedOut)
            {
                return AgentProbeResult.NoUsableReply(ProbeResult.Layer7Timeout().Describe());
            }
            catch (SocketException ex)
            {
                return AgentProbeResult.NoUsableReply(ProbeResult.SocketError(ProbeConnector.ErrorText(ex)).Describe());
            }
        }
    }
}
