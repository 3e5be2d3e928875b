namespace Appliance.ProxyCore.Rules;

/// <summary>
/// An <c>errorfile CODE FILE</c>: a complete raw HTTP response (status line, headers, empty line, body) sent as is
/// when the proxy answers CODE by itself. Loaded and checked at configuration time.
/// </summary>
public sealed record ErrorFile(int Status, string Path, ReadOnlyMemory<byte> Content)
{
    /// <summary>The status codes HAProxy 2.6 lets <c>errorfile</c> replace.</summary>
    public static readonly int[] Codes = [200, 400, 401, 403, 404, 405, 407, 408, 410, 413, 425, 429, 500, 501, 502, 503, 504];

    /// <summary>The largest file accepted: HAProxy's default buffer size (tune.bufsize 16384), which the response must fit in.</summary>
    public const int MaxSize = 16384;
}
