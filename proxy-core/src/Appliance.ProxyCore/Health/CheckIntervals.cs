using Appliance.ProxyCore.Configuration;

namespace Appliance.ProxyCore.Health;

/// <summary>
/// The check periods per phase (HAProxy's <c>inter</c>, <c>fastinter</c>, <c>downinter</c>); <c>fastinter</c> and
/// <c>downinter</c> default to <c>inter</c>, which defaults to 2 s.
/// </summary>
public sealed record CheckIntervals
{
    public CheckIntervals(TimeSpan inter, TimeSpan? fastInter = null, TimeSpan? downInter = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(inter, TimeSpan.Zero);
        Inter = inter;
        FastInter = fastInter is { } f && f > TimeSpan.Zero ? f : inter;
        DownInter = downInter is { } d && d > TimeSpan.Zero ? d : inter;
    }

    public TimeSpan Inter { get; }

    public TimeSpan FastInter { get; }

    public TimeSpan DownInter { get; }

    public static CheckIntervals For(ServerConfig server) => new(server.Inter, server.FastInter, server.DownInter);

    /// <summary>The interval HAProxy uses in <paramref name="phase"/> (src/server.c, srv_getinter).</summary>
    public TimeSpan For(CheckPhase phase) => phase switch
    {
        CheckPhase.Up => Inter,
        CheckPhase.Down => DownInter,
        _ => FastInter,
    };
}
