using System.Text;

namespace Appliance.ProxyCore.Forwarding.Http.Parsing;

/// <summary>The checks that need the whole request head: Host (RFC 9112 §3.2), framing (§6.3), connection options.</summary>
internal static class RequestSemantics
{
    /// <summary>Validates the complete head and fills in framing, connection handling, Expect and Upgrade.</summary>
    public static RejectReason Apply(HttpRequestHead head)
    {
        var reason = CheckHost(head);
        if (reason != RejectReason.None)
        {
            return reason;
        }

        reason = FramingFields.Read(head, out var framing);
        if (reason != RejectReason.None)
        {
            return reason;
        }

        // RFC 9110 §9.3.6: a CONNECT request has no content; bytes after its head are tunnel data, never a body.
        if (head.Method == HttpMethodKind.Connect && (framing.HasTransferEncoding || framing.ContentLength > 0))
        {
            return RejectReason.ConnectWithBody;
        }

        // RFC 9112 §6.3 items 4-7: chunked, else Content-Length, else no body.
        if (framing.HasTransferEncoding)
        {
            head.Framing = BodyFraming.Chunked;
        }
        else if (framing.ContentLength >= 0)
        {
            head.Framing = BodyFraming.ContentLength;
            head.ContentLength = framing.ContentLength;
        }

        head.ConnectionOptions = framing.Connection;
        head.MustClose = !FramingFields.Persists(head.Version, framing.Connection);

        if (head.Version == HttpProtocolVersion.Http11)
        {
            for (var i = head.IndexOfHeader(KnownHeader.Expect); i >= 0; i = head.IndexOfHeader(KnownHeader.Expect, i + 1))
            {
                head.ExpectContinue |= Ascii.EqualsIgnoreCase(head.ValueOf(i), "100-continue"u8);
            }

            if ((framing.Connection & ConnectionOptions.Upgrade) != 0)
            {
                head.SetUpgradeIndex(head.IndexOfHeader(KnownHeader.Upgrade));
            }
        }

        return RejectReason.None;
    }

    /// <summary>
    /// RFC 9112 §3.2: HTTP/1.1 needs exactly one Host; more than one, or an invalid one, is 400 in any version. An
    /// absolute- or authority-form target whose authority disagrees with Host is refused too: RFC 9112 §3.2.2 says to
    /// ignore Host then, but a back end or cache that reads Host would see another site than the one we routed to.
    /// Host names compare case-insensitively; a missing port means the scheme's default (80/443) for absolute-form,
    /// and for CONNECT a Host without a port matches any port (the RFC 9110 §9.3.6 example does exactly that).
    /// </summary>
    private static RejectReason CheckHost(HttpRequestHead head)
    {
        var index = head.IndexOfHeader(KnownHeader.Host);
        if (index < 0)
        {
            return head.Version == HttpProtocolVersion.Http11 ? RejectReason.HostMissing : RejectReason.None;
        }

        if (head.IndexOfHeader(KnownHeader.Host, index + 1) >= 0)
        {
            return RejectReason.HostDuplicate;
        }

        var value = head.ValueOf(index);
        if (!HostValidator.TryParse(value, out var host, out var port))
        {
            return RejectReason.HostInvalid;
        }

        head.SetHostIndex(index);
        if (head.TargetForm is RequestTargetForm.Absolute or RequestTargetForm.Authority)
        {
            // The request line already validated the target's authority, so this parse cannot fail.
            var matches = HostValidator.TryParse(head.Authority, out var targetHost, out var targetPort) && Ascii.EqualsIgnoreCase(host, targetHost) && (head.TargetForm == RequestTargetForm.Authority
                ? port < 0 || port == targetPort
                : EffectivePort(port, head.Target) == EffectivePort(targetPort, head.Target));
            if (!matches)
            {
                return RejectReason.HostMismatch;
            }
        }

        return RejectReason.None;
    }

    private static int EffectivePort(int port, ReadOnlySpan<byte> absoluteTarget) =>
        port >= 0 ? port : absoluteTarget[4] is (byte)'s' or (byte)'S' ? 443 : 80;
}
