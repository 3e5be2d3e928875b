using System.Globalization;
using Appliance.ProxyCore.Forwarding.Http;
using Appliance.ProxyCore.Forwarding.Http.Parsing;
using Appliance.ProxyCore.Model;

namespace Appliance.ProxyCore.Persistence;

/// <summary>
/// Cookie persistence for one backend, as HAProxy does it. On a request, the cookie names a server (by its
/// <c>cookie VALUE</c>); the caller uses that server when it is available (up, even draining) and balances otherwise,
/// so a cookie naming a down server is redispatched and, in insert mode, re-pinned by the next response. On a response,
/// insert adds <c>Set-Cookie</c>, rewrite replaces the server's own cookie value, prefix prepends <c>SERVER~</c> to it.
/// With <c>maxidle</c>/<c>maxlife</c> the inserted value carries <c>|LASTSEEN|FIRSTSEEN</c> (Unix seconds).
/// </summary>
public sealed class CookiePersistence
{
    /// <summary>HAProxy's separator between the server value and the application's value in prefix mode.</summary>
    public const char PrefixSeparator = '~';

    private readonly Dictionary<string, ServerModel> _byCookie = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    public CookiePersistence(CookieConfig config, IReadOnlyList<ServerModel> servers, TimeProvider time)
    {
        Config = config;
        _time = time;
        foreach (var server in servers)
        {
            if (server.Config.Cookie is { } value)
            {
                _byCookie.TryAdd(value, server);
            }
        }
    }

    public CookieConfig Config { get; }

    /// <summary>Reads the request's cookie and strips or rewrites it as the mode requires.</summary>
    public CookieDecision OnRequest(HttpRequestHead request, HeaderEdits edits)
    {
        var cookieHeaders = Values(request, "Cookie");
        string? raw = null;
        foreach (var header in cookieHeaders)
        {
            raw ??= CookieHeader.Find(header, Config.Name);
        }

        if (raw is null)
        {
            return default;
        }

        var serverValue = raw;
        string? applicationValue = null;
        long lastSeen = 0, firstSeen = 0;
        if (Config.Mode == CookieMode.Prefix)
        {
            var separator = raw.IndexOf(PrefixSeparator, StringComparison.Ordinal);
            serverValue = separator < 0 ? raw : raw[..separator];
            applicationValue = separator < 0 ? null : raw[(separator + 1)..];
        }
        else if (Config.Mode == CookieMode.Insert)
        {
            var parts = raw.Split('|');
            serverValue = parts[0];
            lastSeen = parts.Length > 1 && long.TryParse(parts[1], CultureInfo.InvariantCulture, out var l) ? l : 0;
            firstSeen = parts.Length > 2 && long.TryParse(parts[2], CultureInfo.InvariantCulture, out var f) ? f : 0;
        }

        var server = _byCookie.GetValueOrDefault(serverValue);
        if (server is not null && Expired(lastSeen, firstSeen))
        {
            server = null;
        }

        if (Config.Mode == CookieMode.Insert && Config.Indirect)
        {
            RewriteCookieHeaders(cookieHeaders, edits, null);
        }
        else if (Config.Mode == CookieMode.Prefix && server is not null && applicationValue is not null)
        {
            RewriteCookieHeaders(cookieHeaders, edits, applicationValue);
        }

        return new CookieDecision(server, firstSeen);
    }

    /// <summary>Adds or rewrites the response's cookie for the server that answered.</summary>
    public void OnResponse(HttpRequestHead request, HttpResponseHead response, ServerModel served, CookieDecision decision, HeaderEdits edits)
    {
        if (served.Config.Cookie is not { } serverValue || Config.Mode == CookieMode.Passive)
        {
            return;
        }

        var setCookies = Values(response, "Set-Cookie");
        var ours = setCookies.Any(c => CookieHeader.SetCookieName(c) == Config.Name);
        switch (Config.Mode)
        {
            case CookieMode.Insert:
                Insert(request, served, decision, edits, setCookies, ours, serverValue);
                break;
            case CookieMode.Rewrite when ours:
                RewriteSetCookies(setCookies, edits, _ => serverValue);
                break;
            case CookieMode.Prefix when ours:
                RewriteSetCookies(setCookies, edits, value => serverValue + PrefixSeparator + value);
                break;
        }
    }

    private void Insert(HttpRequestHead request, ServerModel served, CookieDecision decision, HeaderEdits edits, List<string> setCookies, bool serverSetsIt, string serverValue)
    {
        if (Config.PostOnly && request.Method != HttpMethodKind.Post)
        {
            return;
        }

        if (serverSetsIt)
        {
            if (Config.Preserve)
            {
                return;
            }

            // The application must not overwrite the persistence cookie: drop its own.
            edits.Remove("Set-Cookie");
            foreach (var cookie in setCookies.Where(c => CookieHeader.SetCookieName(c) != Config.Name))
            {
                edits.Add("Set-Cookie", cookie);
            }
        }

        var hasValidCookie = ReferenceEquals(decision.Server, served);
        if (hasValidCookie && Config.Indirect && Config.MaxIdle is null)
        {
            return;
        }

        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        var value = Config.MaxIdle is null && Config.MaxLife is null
            ? serverValue
            : string.Create(CultureInfo.InvariantCulture, $"{serverValue}|{now}|{(hasValidCookie && decision.FirstSeenUnixSeconds > 0 ? decision.FirstSeenUnixSeconds : now)}");
        edits.Add("Set-Cookie", BuildSetCookie(value));
        if (Config.NoCache)
        {
            edits.Add("Cache-Control", "private");
        }
    }

    private string BuildSetCookie(string value)
    {
        var text = $"{Config.Name}={value}; path=/";
        foreach (var domain in Config.Domains)
        {
            text += $"; domain={domain}";
        }

        if (Config.HttpOnly)
        {
            text += "; HttpOnly";
        }

        if (Config.Secure)
        {
            text += "; Secure";
        }

        foreach (var attribute in Config.Attributes)
        {
            text += "; " + attribute;
        }

        return text;
    }

    private bool Expired(long lastSeen, long firstSeen)
    {
        if (Config.Mode != CookieMode.Insert || (Config.MaxIdle is null && Config.MaxLife is null))
        {
            return false;
        }

        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        return (Config.MaxIdle is { } idle && (lastSeen == 0 || now - lastSeen > idle.TotalSeconds))
            || (Config.MaxLife is { } life && (firstSeen == 0 || now - firstSeen > life.TotalSeconds));
    }

    private void RewriteCookieHeaders(List<string> cookieHeaders, HeaderEdits edits, string? newValue)
    {
        edits.Remove("Cookie");
        foreach (var header in cookieHeaders)
        {
            if (CookieHeader.Rewrite(header, Config.Name, newValue) is { } rebuilt)
            {
                edits.Add("Cookie", rebuilt);
            }
        }
    }

    private void RewriteSetCookies(List<string> setCookies, HeaderEdits edits, Func<string, string> newValue)
    {
        edits.Remove("Set-Cookie");
        foreach (var cookie in setCookies)
        {
            edits.Add("Set-Cookie", CookieHeader.SetCookieName(cookie) == Config.Name
                ? CookieHeader.WithSetCookieValue(cookie, newValue(CookieHeader.SetCookieValue(cookie)))
                : cookie);
        }
    }

    private static List<string> Values(HttpMessageHead head, string name)
    {
        var values = new List<string>();
        var nameBytes = System.Text.Encoding.ASCII.GetBytes(name);
        for (var i = head.IndexOfHeader(nameBytes); i >= 0; i = head.IndexOfHeader(nameBytes, i + 1))
        {
            values.Add(head.GetHeader(i).GetValueString());
        }

        return values;
    }
}
