namespace Appliance.ProxyCore.Logging;

/// <summary>A frontend's header captures, in the order of its <c>capture</c> lines (the order <c>%hr</c>/<c>%hs</c> log them).</summary>
/// <param name="Request">The <c>capture request header</c> lines.</param>
/// <param name="Response">The <c>capture response header</c> lines.</param>
public sealed record HeaderCaptures(IReadOnlyList<HeaderCapture> Request, IReadOnlyList<HeaderCapture> Response)
{
    /// <summary>No capture.</summary>
    public static HeaderCaptures None { get; } = new([], []);

    /// <summary>True when nothing is captured.</summary>
    public bool IsEmpty => Request.Count == 0 && Response.Count == 0;
}
