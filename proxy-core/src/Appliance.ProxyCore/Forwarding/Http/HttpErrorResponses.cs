using System.Text;

namespace Appliance.ProxyCore.Forwarding.Http;

/// <summary>
/// The responses the proxy writes itself (HAProxy's built-in error pages), each a complete HTTP/1.1 response that
/// closes the connection. <c>errorfile CODE FILE</c> replaces a page with the file's raw bytes.
/// </summary>
public sealed class HttpErrorResponses
{
    private static readonly Dictionary<int, (string Reason, string Text)> BuiltIn = new()
    {
        [200] = ("OK", "Service ready."),
        [400] = ("Bad request", "Your browser sent an invalid request."),
        [401] = ("Unauthorized", "You need a valid user and password to access this content."),
        [403] = ("Forbidden", "Request forbidden by administrative rules."),
        [404] = ("Not Found", "The resource could not be found."),
        [405] = ("Method Not Allowed", "A request was made of a resource using a request method not supported by that resource."),
        [407] = ("Unauthorized", "You need a valid user and password to access this content."),
        [408] = ("Request Time-out", "Your browser didn't send a complete request in time."),
        [410] = ("Gone", "The resource is no longer available and will not be available again."),
        [413] = ("Payload Too Large", "The request entity exceeds the maximum allowed."),
        [425] = ("Too Early", "Your browser sent early data."),
        [429] = ("Too Many Requests", "You have sent too many requests in a given amount of time."),
        [431] = ("Request Header Fields Too Large", "The request header section exceeds the maximum allowed."),
        [500] = ("Internal Server Error", "An internal server error occurred."),
        [501] = ("Not Implemented", "The server does not support the functionality required to fulfill the request."),
        [502] = ("Bad Gateway", "The server returned an invalid or incomplete response."),
        [503] = ("Service Unavailable", "No server is available to handle this request."),
        [504] = ("Gateway Time-out", "The server didn't respond in time."),
        [505] = ("HTTP Version Not Supported", "The HTTP version of the request is not supported."),
    };

    private readonly Dictionary<int, byte[]> _responses;

    /// <param name="overrides">Raw responses from <c>errorfile</c> lines, by status code.</param>
    public HttpErrorResponses(IReadOnlyDictionary<int, byte[]>? overrides = null)
    {
        _responses = BuiltIn.ToDictionary(kv => kv.Key, kv => Render(kv.Key, kv.Value.Reason, kv.Value.Text));
        if (overrides is not null)
        {
            foreach (var (code, bytes) in overrides)
            {
                _responses[code] = bytes;
            }
        }
    }

    public static HttpErrorResponses Default { get; } = new();

    /// <summary>The response for <paramref name="status"/> (a 500 page for an unknown code).</summary>
    public ReadOnlyMemory<byte> Get(int status) => _responses.TryGetValue(status, out var bytes) ? bytes : _responses[500];

    /// <summary>The reason phrase HAProxy uses for <paramref name="status"/>.</summary>
    public static string ReasonPhrase(int status) => status switch
    {
        301 => "Moved Permanently",
        302 => "Found",
        303 => "See Other",
        307 => "Temporary Redirect",
        308 => "Permanent Redirect",
        _ => BuiltIn.TryGetValue(status, out var entry) ? entry.Reason : "Unknown",
    };

    /// <summary>The built-in page for <paramref name="status"/> with extra header lines (e.g. WWW-Authenticate for 401).</summary>
    public static byte[] RenderWithHeaders(int status, IEnumerable<KeyValuePair<string, string>> headers)
    {
        var (reason, text) = BuiltIn.TryGetValue(status, out var entry) ? entry : ("Unknown", string.Empty);
        var extra = string.Concat(headers.Select(h => $"{h.Key}: {h.Value}\r\n"));
        return Render(status, reason, text, extra);
    }

    private static byte[] Render(int status, string reason, string text, string extraHeaders = "")
    {
        var body = $"<html><body><h1>{status} {reason}</h1>\n{text}\n</body></html>\n";
        var head = $"HTTP/1.1 {status} {reason}\r\ncontent-length: {body.Length}\r\ncache-control: no-cache\r\n" +
                   $"content-type: text/html\r\n{extraHeaders}connection: close\r\n\r\n";
        return Encoding.ASCII.GetBytes(head + body);
    }
}
