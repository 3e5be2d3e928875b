using System.Buffers;
using System.Text;
using Appliance.ProxyCore.Forwarding.Http.Parsing;

namespace Appliance.ProxyCore.Forwarding.Http;

/// <summary>
/// Writes a forwarded message head: the start line, the message's own field lines minus the hop-by-hop ones the proxy
/// manages itself (Connection, Keep-Alive, Proxy-Connection) and minus removed ones, the proxy's Connection line, then
/// the added fields. Content-Length and Transfer-Encoding pass unchanged because bodies are forwarded as received.
/// </summary>
public static class HttpHeadWriter
{
    private static readonly byte[] Crlf = "\r\n"u8.ToArray();
    private static readonly byte[] ColonSpace = ": "u8.ToArray();

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

        if (!edits.IsEmpty)
        {
            foreach (var (name, value) in edits.SurvivingAdditions())
            {
                WriteField(writer, name, value);
            }
        }

        writer.Write(Crlf);
    }

    private static void WriteField(IBufferWriter<byte> writer, string name, string value)
    {
        WriteLatin1(writer, name);
        writer.Write(ColonSpace);
        WriteLatin1(writer, value);
        writer.Write(Crlf);
    }

    private static void WriteLatin1(IBufferWriter<byte> writer, string text)
    {
        var span = writer.GetSpan(text.Length);
        var written = Encoding.Latin1.GetBytes(text, span);
        writer.Advance(written);
    }
}
