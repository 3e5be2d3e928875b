namespace Appliance.ProxyCore.Forwarding.Http;

/// <summary>
/// The streams under a body copy's pipes (the counting streams, so the byte counters and the access log see every byte
/// moved this way). Once what the source pipe already holds is forwarded, <see cref="HttpBodyCopier"/> reads the rest of
/// the body from <see cref="Source"/> into one pooled buffer and writes it from there to <see cref="Target"/>: no copy
/// into the target pipe's segments and no zero-byte read before each read while the body is flowing.
/// </summary>
/// <param name="Source">The stream the source pipe reads from.</param>
/// <param name="Target">The stream the target pipe writes to.</param>
/// <param name="MayReadPastBody">
/// Whether a read may take bytes beyond the body's end. True for a server's response (nothing may follow it: the
/// connection then goes unreused); false for a client's request, whose next pipelined request may already follow, so
/// a chunked request body stays on the pipes (a Content-Length body never reads past its length).
/// </param>
internal readonly record struct BodyStreams(Stream Source, Stream Target, bool MayReadPastBody);
