using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Appliance.LabTests.Infrastructure.Sticky;

/// <summary>
/// Watches a configuration change take effect: from the client's namespace it asks every node's own address on a port
/// that only the new configuration listens on, every <see cref="Period"/>, until each node has answered once with 200.
/// </summary>
internal static class ConvergenceProbe
{
    public static readonly TimeSpan Period = TimeSpan.FromMilliseconds(5);

    /// <summary>
    /// The moment (a <see cref="Stopwatch"/> timestamp) each endpoint first answered, polled from now until all did or
    /// <paramref name="timeout"/> passed (those that never answered are missing from the result).
    /// </summary>
    public static async Task<IReadOnlyDictionary<IPEndPoint, long>> WaitForAllAsync(NamespaceSockets sockets, IReadOnlyList<IPEndPoint> nodes, TimeSpan timeout)
    {
        var answered = new Dictionary<IPEndPoint, long>();
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (answered.Count < nodes.Count && Stopwatch.GetTimestamp() < deadline)
        {
            var tick = Task.Delay(Period);
            foreach (var node in nodes.Where(n => !answered.ContainsKey(n)))
            {
                if (await AnswersAsync(sockets, node))
                {
                    answered[node] = Stopwatch.GetTimestamp();
                }
            }

            await tick;
        }

        return answered;
    }

    /// <summary>True when <paramref name="node"/> answers GET / with 200 within 200 ms.</summary>
    public static async Task<bool> AnswersAsync(NamespaceSockets sockets, IPEndPoint node)
    {
        using var socket = await sockets.CreateAsync();
        socket.LingerState = new LingerOption(true, 0);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        try
        {
            await socket.ConnectAsync(node, timeout.Token);
            return (await MiniHttp.GetAsync(socket, "/", null, close: true, timeout.Token)).Status == 200;
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException)
        {
            return false;
        }
    }
}
