namespace Appliance.ProxyCore.Forwarding.Tcp;

/// <summary>
/// Enforces a tunnel's idle timeouts with one timer per tunnel. The data path only stamps the last activity of a side
/// (one volatile write per chunk); the timer re-arms itself for the earliest deadline and calls
/// <c>onExpired</c> once when a side stayed silent too long.
/// </summary>
internal sealed class IdleWatch : IDisposable
{
    private readonly TimeProvider _time;
    private readonly TunnelTimeouts _timeouts;
    private readonly Action<string> _onExpired;
    private readonly ITimer _timer;
    private long _clientActivity;
    private long _serverActivity;
    private int _clientFin;
    private int _serverFin;
    private int _expired;

    public IdleWatch(TimeProvider time, TunnelTimeouts timeouts, Action<string> onExpired)
    {
        _time = time;
        _timeouts = timeouts;
        _onExpired = onExpired;
        var now = time.GetTimestamp();
        _clientActivity = now;
        _serverActivity = now;
        _timer = time.CreateTimer(static s => ((IdleWatch)s!).OnTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        Arm(now);
    }

    /// <summary>Bytes moved to or from the client.</summary>
    public void ClientActive() => Volatile.Write(ref _clientActivity, _time.GetTimestamp());

    /// <summary>Bytes moved to or from the server.</summary>
    public void ServerActive() => Volatile.Write(ref _serverActivity, _time.GetTimestamp());

    /// <summary>The client sent its FIN: its side is now governed by client-fin.</summary>
    public void ClientFinished()
    {
        Volatile.Write(ref _clientFin, 1);
        Arm(_time.GetTimestamp());
    }

    /// <summary>The server sent its FIN: its side is now governed by server-fin.</summary>
    public void ServerFinished()
    {
        Volatile.Write(ref _serverFin, 1);
        Arm(_time.GetTimestamp());
    }

    public void Dispose() => _timer.Dispose();

    private void OnTimer()
    {
        if (Volatile.Read(ref _expired) != 0)
        {
            return;
        }

        var now = _time.GetTimestamp();
        var expiredSide = ExpiredSide(now);
        if (expiredSide is null)
        {
            Arm(now);
            return;
        }

        if (Interlocked.Exchange(ref _expired, 1) == 0)
        {
            _onExpired(expiredSide);
        }
    }

    private string? ExpiredSide(long now)
    {
        if (_timeouts.Tunnel is { } tunnel)
        {
            var last = Math.Max(Volatile.Read(ref _clientActivity), Volatile.Read(ref _serverActivity));
            return _time.GetElapsedTime(last, now) >= tunnel ? "tunnel" : null;
        }

        if (ClientTimeout is { } client && _time.GetElapsedTime(Volatile.Read(ref _clientActivity), now) >= client)
        {
            return Volatile.Read(ref _clientFin) != 0 ? "client-fin" : "client";
        }

        if (ServerTimeout is { } server && _time.GetElapsedTime(Volatile.Read(ref _serverActivity), now) >= server)
        {
            return Volatile.Read(ref _serverFin) != 0 ? "server-fin" : "server";
        }

        return null;
    }

    private TimeSpan? ClientTimeout => Volatile.Read(ref _clientFin) != 0 ? _timeouts.ClientFin : _timeouts.Client;

    private TimeSpan? ServerTimeout => Volatile.Read(ref _serverFin) != 0 ? _timeouts.ServerFin : _timeouts.Server;

    private void Arm(long now)
    {
        TimeSpan? due = null;
        if (_timeouts.Tunnel is { } tunnel)
        {
            var last = Math.Max(Volatile.Read(ref _clientActivity), Volatile.Read(ref _serverActivity));
            due = tunnel - _time.GetElapsedTime(last, now);
        }
        else
        {
            if (ClientTimeout is { } client)
            {
                due = client - _time.GetElapsedTime(Volatile.Read(ref _clientActivity), now);
            }

            if (ServerTimeout is { } server)
            {
                var serverDue = server - _time.GetElapsedTime(Volatile.Read(ref _serverActivity), now);
                due = due is null || serverDue < due ? serverDue : due;
            }
        }

        if (due is { } d)
        {
            // Never spin: a deadline already passed fires after 1 ms, which re-checks and expires.
            _timer.Change(d > TimeSpan.Zero ? d : TimeSpan.FromMilliseconds(1), Timeout.InfiniteTimeSpan);
        }
    }
}
