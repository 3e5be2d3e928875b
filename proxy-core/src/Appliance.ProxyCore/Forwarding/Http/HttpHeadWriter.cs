using System.Buffers;
using System.Globalization;
using System.Text;
using Appliance.ProxyCore.Forwarding.Http.Parsing;

namespace Appliance.ProxyCore.Forwarding.Http;

/// <summary>
/// Writes a forwarded message head: the start line, the message's own field lines minus the hop-by-hop ones the proxy
/// manages itself (Connection, Keep-Alive, Proxy-Connection) and minus removed ones, the proxy's Connection line, then
/// the added fields. Content-Length and Transfer-Encoding pass unchanged because bodies are forwarded as received.
/// </summary>
internal static class HttpHeadWriter
{
    private static readonly byte[] Crlf = "\r\n"u8.ToArray();
    private static readonly byte[] ColonSpace = ": "u8.ToArray();
    private static readonly SearchValues<byte> LineBreaksAndNul = SearchValues.Create("\r\n\0"u8);

    public static void WriteRequest(IBufferWriter<byte> writer, HttpRequestHead head, HeaderEdits edits, string? connection)
    {
        writer.Write(head.MethodBytes);
        writer.Write(" "u8);
        writer.Write(head.Target);
        writer.Write(head.Version == HttpProtocolVersion.Http10 ? " HTTP/1.0\r\n"u8 : " HTTP/1.1\r\n"u8);
        WriteFields(writer, head, edits, connection);
    }

    public static void WriteResponse(IBufferWriter<byte> writer, HttpResponseHead head, HeaderEdits edits, string? connection)
    {
        // An intermediary sends its own protocol version (RFC 9110 §6.2), so an HTTP/1.0 server does not end the
        // client's keep-alive; the framing fields still describe the body as received.
        writer.Write("HTTP/1.1 "u8);
        Span<byte> digits = stackalloc byte[3];
        digits[0] = (byte)('0' + (head.StatusCode / 100));
        digits[1] = (byte)('0' + (head.StatusCode / 10 % 10));
        digits[2] = (byte)('0' + (head.StatusCode % 10));
        writer.Write(digits);
        writer.Write(" "u8);
        writer.Write(head.ReasonPhrase);
        writer.Write(Crlf);
        WriteFields(writer, head, edits, connection);
    }

    /// <summary>Writes a request edited by rules: the start line and fields from <paramref name="message"/>, the framing from <paramref name="head"/>.</summary>
    public static void WriteRequest(IBufferWriter<byte> writer, HttpRequestHead head, RequestMessage message, string? connection)
    {
        WriteLatin1(writer, message.Method);
        writer.Write(" "u8);
        WriteLatin1(writer, message.Url);
        writer.Write(head.Version == HttpProtocolVersion.Http10 ? " HTTP/1.0\r\n"u8 : " HTTP/1.1\r\n"u8);
        WriteFields(writer, head, message, connection);
    }

    /// <summary>Writes a response edited by rules: status from <paramref name="message"/>, framing from <paramref name="head"/>.</summary>
    public static void WriteResponse(IBufferWriter<byte> writer, HttpResponseHead head, ResponseMessage message, string? connection)
    {
        writer.Write("HTTP/1.1 "u8);
        var digits = writer.GetSpan(11);
        writer.Advance(message.Status.TryFormat(digits, out var written, default, CultureInfo.InvariantCulture) ? written : 0);
        writer.Write(" "u8);
        WriteLatin1(writer, message.Reason);
        writer.Write(Crlf);
        WriteFields(writer, head, message, connection);
    }

    private static void WriteFields(IBufferWriter<byte> writer, HttpMessageHead head, MessageHeaders message, string? connection)
    {
        // Rules may not change how the body is delimited: the framing fields always come from the parsed head.
        for (var i = 0; i < head.HeaderCount; i++)
        {
            var field = head.GetHeader(i);
            if (field.Known is KnownHeader.ContentLength or KnownHeader.TransferEncoding)
            {
                writer.Write(field.Name);
                writer.Write(ColonSpace);
                writer.Write(field.Value);
                writer.Write(Crlf);
            }
        }

        // Fields still as received are copied from the head's bytes (the text has the same offsets); edited ones encoded.
        var raw = head.RawBytes;
        for (var i = 0; i < message.HeaderCount; i++)
        {
            var field = message.FieldAt(i);
            if (field.Managed)
            {
                continue;
            }

            if (field.FromHead)
            {
                writer.Write(raw.Slice(field.NameStart, field.NameLength));
                writer.Write(ColonSpace);
                writer.Write(raw.Slice(field.ValueStart, field.ValueLength));
                writer.Write(Crlf);
            }
            else
            {
                WriteField(writer, message.GetHeaderName(i), message.GetHeaderValue(i));
            }
        }

        if (connection is not null)
        {
            WriteField(writer, "Connection", connection);
        }

        writer.Write(Crlf);
    }

    private static void WriteFields(IBufferWriter<byte> writer, HttpMessageHead head, HeaderEdits edits, string? connection)
    {
        for (var i = 0; i < head.HeaderCount; i++)
        {
            var field = head.GetHeader(i);
            if (field.Known is KnownHeader.Connection or KnownHeader.KeepAlive or KnownHeader.ProxyConnection)
            {
                continue;
            }

            if (!edits.IsEmpty && edits.RemovesOriginal(field.Name))
            {
                continue;
            }

            writer.Write(field.Name);
            writer.Write(ColonSpace);
            writer.Write(field.Value);
            writer.Write(Crlf);
        }

        if (connection is not null)
        {
            WriteField(writer, "Connection", connection);
        }

        for (var i = 0; i < edits.Count; i++)
        {
            if (edits.TryGetSurvivingAddition(i, out var name, out var value))
            {
                WriteField(writer, name, value);
            }
        }

        writer.Write(Crlf);
    }

    private static void WriteField(IBufferWriter<byte> writer, ReadOnlySpan<char> name, ReadOnlySpan<char> value)
    {
        WriteLatin1(writer, name);
        writer.Write(ColonSpace);
        WriteLatin1(writer, value);
        writer.Write(Crlf);
    }

    /// <summary>Writes text as Latin-1, dropping CR, LF and NUL so no configured or rendered value can split a field line.</summary>
    private static void WriteLatin1(IBufferWriter<byte> writer, ReadOnlySpan<char> text)
    {
        var span = writer.GetSpan(text.Length);
        var written = Encoding.Latin1.GetBytes(text, span);
        if (span[..written].IndexOfAny(LineBreaksAndNul) < 0)
        {
            writer.Advance(written);
            return;
        }

        var kept = 0;
        for (var i = 0; i < written; i++)
        {
            if (span[i] is not ((byte)'\r' or (byte)'\n' or 0))
            {
                span[kept++] = span[i];
            }
        }

        writer.Advance(kept);
    }
}
