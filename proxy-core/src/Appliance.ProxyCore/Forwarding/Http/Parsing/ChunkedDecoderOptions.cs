namespace Appliance.ProxyCore.Forwarding.Http.Parsing;

/// <summary>Limits and trailer handling of <see cref="ChunkedDecoder"/>. Immutable; share one instance.</summary>
public sealed record ChunkedDecoderOptions
{
    /// <summary>The defaults below.</summary>
    public static ChunkedDecoderOptions Default { get; } = new();

    /// <summary>
    /// The most bytes of chunk extensions (from the first BWS or ';' after the size up to, not including, the CR) one chunk line may
    /// carry. Default 4 096: extensions are almost never used, and an unbounded chunk line lets a peer make us read
    /// without making progress (the 2024 chunk-extension resource exhaustion bugs in Node.js and ASP.NET Core).
    /// </summary>
    public int MaxChunkExtensionLength { get; init; } = 4096;

    /// <summary>The most bytes the trailer section (trailer field lines and the final CRLF) may take. Default 15 360, as a head.</summary>
    public int MaxTrailerSectionSize { get; init; } = 16384 - 1024;

    /// <summary>The most trailer field lines. Default 101, as a head (HAProxy's tune.http.maxhdr).</summary>
    public int MaxTrailerCount { get; init; } = 101;

    /// <summary>Forward or drop trailer fields in passthrough; default <see cref="TrailerHandling.Forward"/>.</summary>
    public TrailerHandling Trailers { get; init; } = TrailerHandling.Forward;
}
