namespace Appliance.ProxyCore.Forwarding.Http.Parsing;

/// <summary>Limits of the head parsers. Immutable; share one instance per frontend/backend.</summary>
public sealed record HttpParserLimits
{
    /// <summary>The defaults below.</summary>
    public static HttpParserLimits Default { get; } = new();

    /// <summary>
    /// The most bytes a head (start line, field lines and the empty line; not the leading empty lines) may take;
    /// more is refused with 431. Default 15 360: HAProxy's tune.bufsize (16 384) minus tune.maxrewrite (1 024), the
    /// space HAProxy keeps free for header rewrites, so a head we accept also fits an HAProxy buffer.
    /// </summary>
    public int MaxHeaderSectionSize { get; init; } = 16384 - 1024;

    /// <summary>
    /// The most field lines a head may have; more is refused with 431 (RFC 6585 §5: the fields are too large
    /// "collectively"). Default 101, HAProxy's tune.http.maxhdr. HAProxy itself answers 400 here; 431 tells the
    /// client what to fix, as Kestrel does.
    /// </summary>
    public int MaxHeaderCount { get; init; } = 101;

    /// <summary>
    /// How many empty lines (CRLF) before a request line are skipped (RFC 9112 §2.2: a server SHOULD ignore at least
    /// one, which old clients send after a POST body); more is refused with 400. Default 4.
    /// Responses never skip empty lines: a server has no reason to send them.
    /// </summary>
    public int MaxLeadingEmptyLines { get; init; } = 4;
}
