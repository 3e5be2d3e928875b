using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Appliance.LabTests.Infrastructure.Sticky;

/// <summary>
/// New sticky entries at a fixed rate through the master: <see cref="Connections"/> keep-alive connections from the
/// client's namespace to the cookie frontend, each sending <c>GET /login</c> without a cookie on its share of a fixed
/// schedule, so every response carries a new <c>JSESSIONID</c> that <c>stick store-response</c> turns into a new entry
/// to replicate. A connection that falls behind sends at once; nothing is sent after the duration, so the rate achieved
/// is what the proxy (and this client) kept up with.
/// </summary>
internal sealed class StickyLoad(NamespaceSockets sockets, IPEndPoint target, int rate)
{
    public const int Connections = 32;

    private long _sessions;
    private long _errors;

    /// <summary>New sessions (entries) created so far.</summary>
    public long Sessions => Interlocked.Read(ref _sessions);

    public long Errors => Interlocked.Read(ref _errors);

    /// <summary>Runs for <paramref name="duration"/>; returns the rate achieved (sessions per second).</summary>
    public async Task<double> RunAsync(TimeSpan duration)
    {
        var started = Stopwatch.GetTimestamp();
        var end = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(Enumerable.Range(0, Connections).Select(c => ConnectionAsync(c, started, end)));
        return Sessions / duration.TotalSeconds;
    }

    private async Task ConnectionAsync(int index, long started, long end)
    {
        Socket? socket = null;
        try
        {
            for (long n = 0; ; n++)
            {
                // Request n of this connection is due at (n × Connections + index) / rate after the start.
                var due = started + (long)((n * Connections + index) * (double)Stopwatch.Frequency / rate);
                if (due >= end || Stopwatch.GetTimestamp() >= end)
                {
                    return;
                }

                var wait = due - Stopwatch.GetTimestamp();
                if (wait > 0)
                {
                    await Task.Delay(TimeSpan.FromSeconds(wait / (double)Stopwatch.Frequency));
                }

                try
                {
                    if (socket is null)
                    {
                        socket = await sockets.CreateAsync();
                        socket.NoDelay = true;
                        await socket.ConnectAsync(target);
                    }

                    using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                    var response = await MiniHttp.GetAsync(socket, "/login", null, close: false, timeout.Token);
                    if (response.Status == 200 && response.SetCookies.Count > 0)
                    {
                        Interlocked.Increment(ref _sessions);
                    }
                    else
                    {
                        Interlocked.Increment(ref _errors);
                    }
                }
                catch (Exception e) when (e is SocketException or IOException or OperationCanceledException)
                {
                    Interlocked.Increment(ref _errors);
                    socket?.Dispose();
                    socket = null;
                }
            }
        }
        finally
        {
            socket?.Dispose();
        }
    }
}
