using System.Globalization;
using System.Net;
using System.Text;

namespace Appliance.ProxyCore.Rules.LogFormat;

/// <summary>Appends values with the <c>Q</c>, <c>X</c> and <c>E</c> flags applied; absent values are written <c>-</c> as HAProxy does.</summary>
internal static class LogValueWriter
{
    public static void Text(StringBuilder output, ReadOnlySpan<char> text, LogFormatFlags flags)
    {
        var quote = (flags & LogFormatFlags.Quote) != 0;
        if (quote)
        {
            output.Append('"');
        }

        if ((flags & LogFormatFlags.Escape) == 0)
        {
            output.Append(text);
        }
        else
        {
            foreach (var c in text)
            {
                if (c is '"' or '\\' or ']')
                {
                    output.Append('\\');
                }

                output.Append(c);
            }
        }

        if (quote)
        {
            output.Append('"');
        }
    }

    public static void OptionalText(StringBuilder output, string? text, LogFormatFlags flags)
    {
        if (text is null)
        {
            output.Append('-');
        }
        else
        {
            Text(output, text, flags);
        }
    }

    public static void Number(StringBuilder output, long value, LogFormatFlags flags)
    {
        if ((flags & LogFormatFlags.Hex) != 0)
        {
            output.Append(CultureInfo.InvariantCulture, $"{value:X}");
        }
        else
        {
            output.Append(value);
        }
    }

    public static void Address(StringBuilder output, IPAddress? address, LogFormatFlags flags)
    {
        if (address is null)
        {
            output.Append('-');
            return;
        }

        if ((flags & LogFormatFlags.Hex) != 0)
        {
            // HAProxy's X form: the address bytes in upper-case hex, e.g. 7F000001.
            Span<byte> bytes = stackalloc byte[16];
            address.TryWriteBytes(bytes, out var length);
            foreach (var b in bytes[..length])
            {
                output.Append(CultureInfo.InvariantCulture, $"{b:X2}");
            }

            return;
        }

        Span<char> buffer = stackalloc char[64];
        if (address.TryFormat(buffer, out var written))
        {
            output.Append(buffer[..written]);
        }
    }
}
