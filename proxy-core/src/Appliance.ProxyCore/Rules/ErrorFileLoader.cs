using System.Text;
using Appliance.ProxyCore.Configuration;

namespace Appliance.ProxyCore.Rules;

/// <summary>
/// Reads an error file at configuration time and checks that it can be sent as is: it exists, fits in
/// <see cref="ErrorFile.MaxSize"/> bytes, starts with an <c>HTTP/1.x NNN</c> status line and has an empty line ending
/// its head (CRLF or bare LF line ends, as HAProxy's shipped files vary).
/// </summary>
internal static class ErrorFileLoader
{
    /// <summary>The loaded file, or null and what is wrong with it (without context).</summary>
    public static ErrorFile? Load(int status, string path, out string? problem)
    {
        problem = null;
        byte[] content;
        try
        {
            content = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            problem = ConfigMessages.ErrorFileMissing(path);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            problem = ConfigMessages.ErrorFileUnreadable(path, e.Message);
            return null;
        }

        if (content.Length > ErrorFile.MaxSize)
        {
            problem = ConfigMessages.ErrorFileTooLarge(path, content.Length, ErrorFile.MaxSize);
            return null;
        }

        var text = Encoding.Latin1.GetString(content);
        var firstLineEnd = text.IndexOf('\n');
        var firstLine = (firstLineEnd < 0 ? text : text[..firstLineEnd]).TrimEnd('\r');
        if (!IsStatusLine(firstLine))
        {
            problem = ConfigMessages.ErrorFileNotHttp(path, firstLine.Length > 40 ? firstLine[..40] + "..." : firstLine);
            return null;
        }

        if (!text.Contains("\r\n\r\n", StringComparison.Ordinal) && !text.Contains("\n\n", StringComparison.Ordinal))
        {
            problem = ConfigMessages.ErrorFileHeadUnterminated(path);
            return null;
        }

        return new ErrorFile(status, path, content);
    }

    /// <summary><c>HTTP/1.0 503</c> or <c>HTTP/1.1 503 Reason</c>: a version, a space, three digits, then the end or a space.</summary>
    private static bool IsStatusLine(string line) =>
        line.Length >= 12
        && (line.StartsWith("HTTP/1.0 ", StringComparison.Ordinal) || line.StartsWith("HTTP/1.1 ", StringComparison.Ordinal))
        && char.IsAsciiDigit(line[9]) && char.IsAsciiDigit(line[10]) && char.IsAsciiDigit(line[11])
        && (line.Length == 12 || line[12] == ' ');
}
