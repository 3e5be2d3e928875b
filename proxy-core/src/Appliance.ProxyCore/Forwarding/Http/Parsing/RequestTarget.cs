using System.Text;

namespace Appliance.ProxyCore.Forwarding.Http.Parsing;

/// <summary>
/// A parsed request-target (RFC 9112 §3.2) as offsets relative to the target's first byte: which form it is, where
/// its authority is (absolute- and authority-form), and where the path and query start (origin- and absolute-form).
/// </summary>
internal readonly record struct RequestTarget(RequestTargetForm Form, int AuthorityStart, int AuthorityLength, int PathStart, int DefaultPort)
{
    /// <summary>
    /// Validates <paramref name="target"/> for <paramref name="method"/>. Every byte must be visible ASCII other than
    /// '#' (see <see cref="HttpChars.Target"/>); CONNECT takes only the authority-form with a port, the asterisk-form
    /// is OPTIONS only, the absolute-form must be http or https with a valid authority and no userinfo.
    /// </summary>
    public static RejectReason TryParse(ReadOnlySpan<byte> target, HttpMethodKind method, out RequestTarget parsed)
    {
        parsed = default;
        if (target.ContainsAnyExcept(HttpChars.Target))
        {
            return RejectReason.TargetInvalid;
        }

        if (method == HttpMethodKind.Connect)
        {
            // RFC 9110 §9.3.6: CONNECT names host and port, nothing else.
            if (!HostValidator.TryParse(target, out _, out var port) || port <= 0)
            {
                return RejectReason.TargetFormInvalid;
            }

            parsed = new RequestTarget(RequestTargetForm.Authority, 0, target.Length, target.Length, -1);
            return RejectReason.None;
        }

        if (target[0] == (byte)'/')
        {
            parsed = new RequestTarget(RequestTargetForm.Origin, 0, 0, 0, -1);
            return RejectReason.None;
        }

        if (target.Length == 1 && target[0] == (byte)'*')
        {
            if (method != HttpMethodKind.Options)
            {
                return RejectReason.TargetFormInvalid;
            }

            parsed = new RequestTarget(RequestTargetForm.Asterisk, 0, 0, 0, -1);
            return RejectReason.None;
        }

        return TryParseAbsolute(target, out parsed);
    }

    private static RejectReason TryParseAbsolute(ReadOnlySpan<byte> target, out RequestTarget parsed)
    {
        parsed = default;
        int defaultPort;
        int authorityStart;
        if (target.Length > 7 && Ascii.EqualsIgnoreCase(target[..7], "http://"u8))
        {
            defaultPort = 80;
            authorityStart = 7;
        }
        else if (target.Length > 8 && Ascii.EqualsIgnoreCase(target[..8], "https://"u8))
        {
            defaultPort = 443;
            authorityStart = 8;
        }
        else
        {
            // Any other scheme, a relative path, or an authority-form for a method other than CONNECT.
            return RejectReason.TargetFormInvalid;
        }

        var afterScheme = target[authorityStart..];
        var end = afterScheme.IndexOfAny((byte)'/', (byte)'?');
        var authority = end < 0 ? afterScheme : afterScheme[..end];
        if (!HostValidator.TryParse(authority, out _, out _))
        {
            return RejectReason.TargetFormInvalid;
        }

        parsed = new RequestTarget(RequestTargetForm.Absolute, authorityStart, authority.Length, authorityStart + authority.Length, defaultPort);
        return RejectReason.None;
    }
}
