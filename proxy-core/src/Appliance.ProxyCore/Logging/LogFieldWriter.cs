using System.Net;

namespace Appliance.ProxyCore.Logging;

/// <summary>Writes one <see cref="LogField"/> of a record as HAProxy 2.6 does (<c>sess_build_logline</c>).</summary>
internal static class LogFieldWriter
{
    private static readonly string HostName = Environment.MachineName;

    /// <summary>Writes the field; false when it wrote nothing (captures when none is configured).</summary>
    public static bool Write(ref LogLineWriter w, LogField field, bool quote, in HttpAccessRecord r, TimeZoneInfo zone)
    {
        switch (field)
        {
            case LogField.ClientIp: Quoted(ref w, quote, r.Client.Address); break;
            case LogField.ClientPort: w.Number(r.Client.Port); break;
            case LogField.FrontendIp: Quoted(ref w, quote, r.FrontendEndPoint?.Address); break;
            case LogField.FrontendPort: NumberOrDash(ref w, r.FrontendEndPoint?.Port); break;
            case LogField.FrontendName: QuotedText(ref w, quote, r.Frontend); break;
            case LogField.FrontendTransport:
                QuoteMark(ref w, quote);
                w.Text(r.Frontend);
                if (r.FrontendTls)
                {
                    w.Byte((byte)'~');
                }

                QuoteMark(ref w, quote);
                break;
            case LogField.BackendName: QuotedText(ref w, quote, r.Backend ?? r.Frontend); break;
            case LogField.ServerName:
                if (r.Server is null)
                {
                    QuoteMark(ref w, quote);
                    w.Literal("<NOSRV>"u8);
                    QuoteMark(ref w, quote);
                }
                else
                {
                    QuotedText(ref w, quote, r.Server);
                }

                break;
            case LogField.ServerIp: Quoted(ref w, quote, r.ServerAddress); break;
            case LogField.ServerPort: NumberOrDash(ref w, r.ServerAddress is null ? null : r.ServerPort); break;
            case LogField.AcceptDate or LogField.RequestDate: w.LogDate(TimeZoneInfo.ConvertTime(r.RequestDate, zone)); break;
            case LogField.AcceptDateGmt or LogField.RequestDateGmt: w.ClfDate(r.RequestDate.ToUniversalTime()); break;
            case LogField.AcceptDateLocal or LogField.RequestDateLocal: w.ClfDate(TimeZoneInfo.ConvertTime(r.RequestDate, zone)); break;
            case LogField.AcceptTimestamp: w.Number(r.RequestDate.ToUnixTimeSeconds()); break;
            case LogField.AcceptMilliseconds: w.Digits(r.RequestDate.Millisecond, 3); break;
            case LogField.RequestTime: w.Number(r.RequestTime); break;
            case LogField.QueueTime: w.Number(r.QueueTime); break;
            case LogField.ConnectTime: w.Number(r.ConnectTime); break;
            case LogField.ResponseTime: w.Number(r.ResponseTime); break;
            case LogField.ActiveTime or LogField.TotalTime: w.Number(r.ActiveTime); break;
            case LogField.Status: w.Number(r.Status); break;
            case LogField.BytesRead: w.Number(r.BytesRead); break;
            case LogField.BytesUploaded: w.Number(r.BytesUploaded); break;
            case LogField.RequestCookie: Cookie(ref w, quote, r.RequestCookie); break;
            case LogField.ResponseCookie: Cookie(ref w, quote, r.ResponseCookie); break;
            case LogField.TerminationState or LogField.TerminationStateCookies:
                Span<byte> chars = stackalloc byte[4];
                w.Literal(chars[..r.Termination.WriteTo(chars, field == LogField.TerminationStateCookies)]);
                break;
            case LogField.ActiveConnections: w.Number(r.ActiveConnections); break;
            case LogField.FrontendConnections: w.Number(r.FrontendConnections); break;
            case LogField.BackendConnections: w.Number(r.BackendConnections); break;
            case LogField.ServerConnections: w.Number(r.ServerConnections); break;
            case LogField.Retries:
                if (r.Redispatched)
                {
                    w.Byte((byte)'+');
                }

                w.Number(r.Retries);
                break;
            case LogField.ServerQueue: w.Number(r.ServerQueue); break;
            case LogField.BackendQueue: w.Number(r.BackendQueue); break;
            case LogField.RequestHeaders: return Braced(ref w, quote, r.RequestCaptures);
            case LogField.ResponseHeaders: return Braced(ref w, quote, r.ResponseCaptures);
            case LogField.RequestHeaderList: return Listed(ref w, quote, r.RequestCaptures);
            case LogField.ResponseHeaderList: return Listed(ref w, quote, r.ResponseCaptures);
            case LogField.RequestLine:
                QuoteMark(ref w, quote);
                if (r.RequestLine.IsEmpty)
                {
                    w.Literal("<BADREQ>"u8);
                }
                else
                {
                    w.Escaped(r.RequestLine);
                }

                QuoteMark(ref w, quote);
                break;
            case LogField.Method or LogField.Uri or LogField.Path or LogField.Query or LogField.Version:
                RequestPart(ref w, quote, field, r.RequestLine);
                break;
            case LogField.HostName: QuotedText(ref w, quote, HostName); break;
            case LogField.ProcessId: w.Number(Environment.ProcessId); break;
        }

        return true;
    }

    /// <summary><c>%HM</c>, <c>%HU</c>, <c>%HP</c>, <c>%HQ</c>, <c>%HV</c>: parts of the request line split at its spaces, <c>-</c> when missing.</summary>
    private static void RequestPart(ref LogLineWriter w, bool quote, LogField field, ReadOnlySpan<byte> line)
    {
        var firstSpace = line.IndexOf((byte)' ');
        var method = firstSpace < 0 ? line : line[..firstSpace];
        var rest = firstSpace < 0 ? default : line[(firstSpace + 1)..];
        var secondSpace = rest.LastIndexOf((byte)' ');
        var uri = secondSpace < 0 ? rest : rest[..secondSpace];
        var version = secondSpace < 0 ? default : rest[(secondSpace + 1)..];
        var question = uri.IndexOf((byte)'?');
        var part = field switch
        {
            LogField.Method => method,
            LogField.Uri => uri,
            LogField.Path => question < 0 ? uri : uri[..question],
            LogField.Query => question < 0 ? default : uri[question..],
            _ => version,
        };
        QuoteMark(ref w, quote);
        if (part.IsEmpty && field != LogField.Query)
        {
            w.Byte((byte)'-');
        }
        else
        {
            w.Escaped(part);
        }

        QuoteMark(ref w, quote);
    }

    /// <summary><c>%hr</c>/<c>%hs</c>: <c>{v1|v2}</c> in declaration order, an absent header empty.</summary>
    private static bool Braced(ref LogLineWriter w, bool quote, CapturedHeaders? captures)
    {
        if (captures is null || captures.Count == 0)
        {
            return false;
        }

        QuoteMark(ref w, quote);
        w.Byte((byte)'{');
        for (var i = 0; i < captures.Count; i++)
        {
            if (i > 0)
            {
                w.Byte((byte)'|');
            }

            w.Escaped(captures.Get(i), header: true);
        }

        w.Byte((byte)'}');
        QuoteMark(ref w, quote);
        return true;
    }

    /// <summary><c>%hrl</c>/<c>%hsl</c>: the values separated by spaces, an absent one <c>-</c> (or <c>""</c> when quoted).</summary>
    private static bool Listed(ref LogLineWriter w, bool quote, CapturedHeaders? captures)
    {
        if (captures is null || captures.Count == 0)
        {
            return false;
        }

        for (var i = 0; i < captures.Count; i++)
        {
            if (i > 0)
            {
                w.Byte((byte)' ');
            }

            QuoteMark(ref w, quote);
            if (captures.Has(i))
            {
                w.Escaped(captures.Get(i), header: true);
            }
            else if (!quote)
            {
                w.Byte((byte)'-');
            }

            QuoteMark(ref w, quote);
        }

        return true;
    }

    private static void Cookie(ref LogLineWriter w, bool quote, string? value)
    {
        QuoteMark(ref w, quote);
        if (string.IsNullOrEmpty(value))
        {
            w.Byte((byte)'-');
        }
        else
        {
            w.Text(value);
        }

        QuoteMark(ref w, quote);
    }

    private static void Quoted(ref LogLineWriter w, bool quote, IPAddress? address)
    {
        QuoteMark(ref w, quote);
        w.Address(address);
        QuoteMark(ref w, quote);
    }

    private static void QuotedText(ref LogLineWriter w, bool quote, string text)
    {
        QuoteMark(ref w, quote);
        w.Text(text);
        QuoteMark(ref w, quote);
    }

    private static void NumberOrDash(ref LogLineWriter w, int? value)
    {
        if (value is { } number)
        {
            w.Number(number);
        }
        else
        {
            w.Byte((byte)'-');
        }
    }

    private static void QuoteMark(ref LogLineWriter w, bool quote)
    {
        if (quote)
        {
            w.Byte((byte)'"');
        }
    }
}
