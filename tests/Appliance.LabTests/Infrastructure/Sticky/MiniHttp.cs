using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Appliance.LabTests.Infrastructure.Sticky;

/// <summary>
/// The smallest HTTP/1.1 client the sticky-client tests need: GET on a connected socket, optionally with a
/// <c>Cookie</c> header, then the response head and a <c>Content-Length</c> body. Several requests may follow each other
/// on one socket (keep-alive; no pipelining).
/// </summary>
internal static class MiniHttp
{
    private const int MaxHead = 16 * 1024;

    public static async Task<MiniHttpResponse> GetAsync(Socket socket, string path, string? cookie, bool close, CancellationToken cancellationToken)
    {
        var request = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"GET {path} HTTP/1.1\r\nHost: lab\r\n")
            .Append(cookie is null ? string.Empty : $"Cookie: {cookie}\r\n")
            .Append(close ? "Connection: close\r\n" : string.Empty)
            .Append("\r\n")
            .ToString();
        await socket.SendAsync(Encoding.ASCII.GetBytes(request), SocketFlags.None, cancellationToken);

        var buffer = new byte[MaxHead];
        var filled = 0;
        int headEnd;
        while ((headEnd = buffer.AsSpan(0, filled).IndexOf("\r\n\r\n"u8)) < 0)
        {
            if (filled == buffer.Length)
            {
                throw new IOException($"response head longer than {MaxHead} bytes");
            }

            var read = await socket.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, cancellationToken);
            if (read == 0)
            {
                throw new IOException(filled == 0 ? "connection closed before any response" : "connection closed inside the response head");
            }

            filled += read;
        }

        var lines = Encoding.ASCII.GetString(buffer, 0, headEnd).Split("\r\n");
        var status = lines[0].Split(' ') is [_, var code, ..] && int.TryParse(code, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : throw new IOException($"bad status line '{lines[0]}'");
        string? server = null;
        var cookies = new List<string>();
        var length = 0;
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            var name = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            if (name.Equals("X-Server", StringComparison.OrdinalIgnoreCase))
            {
                server = value;
            }
            else if (name.Equals("Set-Cookie", StringComparison.OrdinalIgnoreCase))
            {
                cookies.Add(value.Split(';')[0].Trim());
            }
            else if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                length = int.Parse(value, CultureInfo.InvariantCulture);
            }
        }

        var body = filled - (headEnd + 4);
        var bodyBuffer = new byte[Math.Max(0, length - body)];
        var got = 0;
        while (got < bodyBuffer.Length)
        {
            var read = await socket.ReceiveAsync(bodyBuffer.AsMemory(got), SocketFlags.None, cancellationToken);
            got += read > 0 ? read : throw new IOException("connection closed inside the response body");
        }

        return new MiniHttpResponse(status, server, cookies);
    }
}
