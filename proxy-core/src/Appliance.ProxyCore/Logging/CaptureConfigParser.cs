using Appliance.ProxyCore.Configuration;
using Appliance.ProxyCore.Configuration.Parsing;

namespace Appliance.ProxyCore.Logging;

/// <summary>
/// Reads a frontend's <c>capture request header NAME len N</c> and <c>capture response header NAME len N</c> lines
/// (kept by the section parser) into <see cref="HeaderCaptures"/>, reporting every problem. Used by validation and by
/// the access log, so both read them the same way. <c>capture cookie</c> is accepted with a warning: <c>%CC</c> and
/// <c>%CS</c> are logged as <c>-</c>.
/// </summary>
public static class CaptureConfigParser
{
    /// <summary>HAProxy's limit on <c>len</c> is the buffer size; 64 KiB bounds a per-connection buffer here.</summary>
    private const int MaxLength = 65535;

    public static HeaderCaptures Parse(ProxyConfig proxy, DiagnosticBag? bag = null)
    {
        var request = new List<HeaderCapture>();
        var response = new List<HeaderCapture>();
        var where = ConfigMessages.InSection(proxy.Kind, proxy.Name);
        foreach (var line in proxy.DeferredLines.Where(l => l.Keyword == "capture"))
        {
            var args = line.Arguments;
            if (args is ["cookie", _, "len", _])
            {
                bag?.Warning(line.Location, ConfigMessages.CaptureCookieIgnored(where));
                continue;
            }

            if (args is not [("request" or "response") and var side, "header", var name, "len", var lengthText])
            {
                bag?.Error(line.Location, ConfigMessages.CaptureSyntax(where, args));
                continue;
            }

            if (!int.TryParse(lengthText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var length)
                || length is < 1 or > MaxLength)
            {
                bag?.Error(line.Location, ConfigMessages.CaptureBadLength(where, lengthText));
                continue;
            }

            (side == "request" ? request : response).Add(new HeaderCapture(name, length));
        }

        return request.Count == 0 && response.Count == 0 ? HeaderCaptures.None : new HeaderCaptures(request, response);
    }
}
