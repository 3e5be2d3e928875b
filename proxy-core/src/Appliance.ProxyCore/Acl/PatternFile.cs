namespace Appliance.ProxyCore.Acl;

/// <summary>
/// Reads an ACL pattern file (<c>-f FILE</c>) at configuration time: one pattern per line, leading spaces and tabs
/// stripped, empty lines and lines starting with <c>#</c> skipped (HAProxy's rules; a pattern that starts with
/// <c>#</c> is written with a leading space). A relative path is relative to the working directory, as in HAProxy.
/// </summary>
internal static class PatternFile
{
    /// <summary>The patterns, or null and a short reason (e.g. <c>no such file</c>) when the file cannot be read.</summary>
    public static List<string>? TryRead(string path, out string? reason)
    {
        reason = null;
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            reason = "no such file";
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            reason = e.Message;
            return null;
        }

        var patterns = new List<string>(lines.Length);
        foreach (var line in lines)
        {
            var pattern = line.TrimStart(' ', '\t');
            if (pattern.Length > 0 && pattern[0] != '#')
            {
                patterns.Add(pattern);
            }
        }

        return patterns;
    }
}
