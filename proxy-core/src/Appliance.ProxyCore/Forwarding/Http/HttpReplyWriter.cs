using System.Globalization;
using System.Text;
using Appliance.ProxyCore.Model;
using Appliance.ProxyCore.Rules;

namespace Appliance.ProxyCore.Forwarding.Http;

/// <summary>
/// Renders the responses the proxy produces itself: error pages (an <c>errorfile</c> of the backend, else of the
/// frontend, else HAProxy's built-in page) and rule replies (<c>redirect</c>, <c>http-request return</c>, <c>deny</c>,
/// <c>auth</c>).
/// </summary>
internal static class HttpReplyWriter
{
    /// <summary>The error page for <paramref name="status"/>, honouring <c>errorfile</c> lines.</summary>
    public static ReadOnlyMemory<byte> ErrorPage(int status, FrontendModel frontend, BackendModel? backend, HttpErrorResponses builtIn)
    {
        if (backend?.Config.HttpRules.ErrorFiles.TryGetValue(status, out var file) == true)
        {
            return file.Content;
        }

        return frontend.Config.HttpRules.ErrorFiles.TryGetValue(status, out var own) ? own.Content : builtIn.Get(status);
    }

    /// <summary>A rule's reply as a complete response; <paramref name="keepAlive"/> decides the Connection field.</summary>
    public static ReadOnlyMemory<byte> Render(HttpReply reply, bool keepAlive, FrontendModel frontend, BackendModel? backend, HttpErrorResponses builtIn)
    {
        if (reply.UsesErrorPage)
        {
            return reply.Headers.Count == 0
                ? ErrorPage(reply.Status, frontend, backend, builtIn)
                : HttpErrorResponses.RenderWithHeaders(reply.Status, reply.Headers);
        }

        var body = Encoding.UTF8.GetBytes(reply.Body!);
        var head = new StringBuilder();
        head.Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {reply.Status} {HttpErrorResponses.ReasonPhrase(reply.Status)}\r\n");
        foreach (var (name, value) in reply.Headers)
        {
            head.Append(CultureInfo.InvariantCulture, $"{name}: {value}\r\n");
        }

        if (reply.ContentType is not null)
        {
            head.Append(CultureInfo.InvariantCulture, $"content-type: {reply.ContentType}\r\n");
        }

        head.Append(CultureInfo.InvariantCulture, $"content-length: {body.Length}\r\n");
        head.Append(keepAlive ? string.Empty : "connection: close\r\n");
        head.Append("\r\n");
        var bytes = new byte[Encoding.Latin1.GetByteCount(head.ToString()) + body.Length];
        var written = Encoding.Latin1.GetBytes(head.ToString(), bytes);
        body.CopyTo(bytes.AsSpan(written));
        return bytes;
    }
}
