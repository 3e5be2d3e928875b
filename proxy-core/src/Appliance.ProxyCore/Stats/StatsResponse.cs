using System.Globalization;
using System.Text;

namespace Appliance.ProxyCore.Stats;

/// <summary>A complete answer of the stats service: status, content type, extra header fields and body.</summary>
public sealed record StatsResponse(int Status, string ContentType, string Body, IReadOnlyList<KeyValuePair<string, string>> Headers)
{
    /// <summary>The response as HTTP/1.1 bytes; <paramref name="withBody"/> false for HEAD (Content-Length still says the size).</summary>
    public byte[] ToBytes(bool keepAlive, bool withBody = true)
    {
        var body = Encoding.UTF8.GetBytes(Body);
        var head = new StringBuilder(256);
        head.Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {Status} {Reason(Status)}\r\n")
            .Append("cache-control: no-cache\r\n")
            .Append(CultureInfo.InvariantCulture, $"content-type: {ContentType}\r\n");
        foreach (var (name, value) in Headers)
        {
            head.Append(CultureInfo.InvariantCulture, $"{name}: {value}\r\n");
        }

        head.Append(CultureInfo.InvariantCulture, $"content-length: {body.Length}\r\n");
        head.Append(keepAlive ? string.Empty : "connection: close\r\n").Append("\r\n");
        var headBytes = Encoding.Latin1.GetBytes(head.ToString());
        return withBody ? [.. headBytes, .. body] : headBytes;
    }

    private static string Reason(int status) => status switch
    {
        200 => "OK",
        303 => "See Other",
        400 => "Bad Request",
        401 => "Unauthorized",
        _ => "Unknown",
    };
}
