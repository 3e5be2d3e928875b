using System.Text;
using Appliance.ProxyCore.Acl;
using Appliance.ProxyCore.Rules.LogFormat;

namespace Appliance.ProxyCore.Rules;

/// <summary>
/// <c>redirect</c> / <c>http-request redirect</c>: answers <see cref="Code"/> (default 302) with a Location built from
/// the target and the request. <c>drop-query</c> removes the query and <c>append-slash</c> adds a missing final
/// <c>/</c> to the path (both for prefix and scheme); <c>set-cookie</c>/<c>clear-cookie</c> add a Set-Cookie header.
/// </summary>
public sealed class RedirectAction : HttpAction
{
    private readonly KeyValuePair<string, string>[] _cookies;

    public RedirectAction(RedirectKind kind, LogFormatString target, int code, bool dropQuery, bool appendSlash, string? setCookie, string? clearCookie)
    {
        Kind = kind;
        Target = target;
        Code = code;
        DropQuery = dropQuery;
        AppendSlash = appendSlash;
        SetCookie = setCookie;
        ClearCookie = clearCookie;

        // HAProxy's cookie strings: a session cookie for the whole site, or one that expires at once.
        var cookies = new List<KeyValuePair<string, string>>();
        if (setCookie is not null)
        {
            cookies.Add(new("Set-Cookie", $"{setCookie}; path=/"));
        }

        if (clearCookie is not null)
        {
            cookies.Add(new("Set-Cookie", $"{clearCookie}; Max-Age=0; path=/"));
        }

        _cookies = [.. cookies];
    }

    public override string Name => "redirect";

    public override bool IsFinal => true;

    public RedirectKind Kind { get; }

    public LogFormatString Target { get; }

    /// <summary>301, 302 (default), 303, 307 or 308.</summary>
    public int Code { get; }

    public bool DropQuery { get; }

    public bool AppendSlash { get; }

    /// <summary><c>NAME[=VALUE]</c> of <c>set-cookie</c>; null when absent.</summary>
    public string? SetCookie { get; }

    /// <summary><c>NAME[=]</c> of <c>clear-cookie</c>; null when absent.</summary>
    public string? ClearCookie { get; }

    public override RuleOutcome Execute(in ActionTarget target)
    {
        var transaction = target.Transaction;
        var location = transaction.Expansion.Clear();
        BuildLocation(transaction.Request, transaction.Render(Target), Kind, DropQuery, AppendSlash, location);
        KeyValuePair<string, string>[] headers = [new("Location", location.ToString()), .. _cookies];
        return new RuleOutcome(RuleVerdict.Redirect, new HttpReply(Code, null, "", headers));
    }

    /// <summary>Appends the Location for <paramref name="request"/> to <paramref name="output"/>.</summary>
    public static void BuildLocation(IHttpRequestView request, ReadOnlySpan<char> target, RedirectKind kind, bool dropQuery, bool appendSlash, StringBuilder output)
    {
        if (kind == RedirectKind.Location)
        {
            output.Append(target);
            return;
        }

        if (kind == RedirectKind.Scheme)
        {
            output.Append(target).Append("://");
            if (HeaderValues.TryGetFirstLine(request, "Host", out var host))
            {
                output.Append(host);
            }
        }
        else if (!target.SequenceEqual("/"))
        {
            // A prefix of "/" means "keep the path as it is" rather than doubling the slash.
            output.Append(target);
        }

        var url = request.Url;
        var path = HttpTarget.TryGetPath(url, out var p) ? p : "/";
        output.Append(path);
        if (appendSlash && !path.EndsWith('/'))
        {
            output.Append('/');
        }

        if (!dropQuery && HttpTarget.TryGetQuery(url, out var query))
        {
            output.Append('?').Append(query);
        }
    }
}
