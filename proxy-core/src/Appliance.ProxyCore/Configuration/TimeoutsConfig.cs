namespace Appliance.ProxyCore.Configuration;

/// <summary>
/// The <c>timeout</c> keywords. <c>null</c> means "not set": HAProxy then waits forever (and warns about the
/// missing client/server/connect timeouts); <see cref="ClientFin"/>/<see cref="ServerFin"/> fall back to
/// <see cref="Client"/>/<see cref="Server"/>, <see cref="Tunnel"/> to the larger of both, <see cref="Queue"/> to
/// <see cref="Connect"/>, and <see cref="Check"/> to the check interval.
/// </summary>
public sealed record TimeoutsConfig
{
    public TimeSpan? Connect { get; init; }

    public TimeSpan? Client { get; init; }

    public TimeSpan? Server { get; init; }

    public TimeSpan? Tunnel { get; init; }

    public TimeSpan? ClientFin { get; init; }

    public TimeSpan? ServerFin { get; init; }

    public TimeSpan? Queue { get; init; }

    public TimeSpan? Check { get; init; }

    public TimeSpan? HttpRequest { get; init; }

    public TimeSpan? HttpKeepAlive { get; init; }

    public static TimeoutsConfig None { get; } = new();
}
