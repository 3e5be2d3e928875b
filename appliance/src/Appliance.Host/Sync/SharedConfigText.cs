namespace Appliance.Host.Sync;

/// <summary>
/// Splits a configuration file into the part every node shares and this node's own part (docs/operations.md
/// "Configuration sync"). The node-local part is the <c>ha</c> section: priority, interface, addresses, peers and keys
/// differ per node. Everything else is shared; a value that must differ per node in a shared section (a bind address,
/// say) is written as an environment variable (<c>"${NODE_ADDR}:443"</c>), which each node expands itself.
/// </summary>
internal static class SharedConfigText
{
    /// <summary>The node-local section.</summary>
    public const string LocalSection = "ha";

    // The words that open a section: proxy-core's SectionKeywords.All (global, defaults, frontend, backend, listen, and
    // the sections kept raw). A line starting with one of them ends the previous section, as in HAProxy.
    private static readonly HashSet<string> SectionWords =
    [
        "global", "defaults", "frontend", "backend", "listen",
        "peers", "userlist", "resolvers", "mailers", "cache", "program", "http-errors", "ring", LocalSection,
    ];

    /// <summary>
    /// The shared text (the file without its <c>ha</c> section) and the local text (the <c>ha</c> section with the lines up
    /// to the next section, comments included). Line endings are kept; joining the parts back in file order gives the file.
    /// </summary>
    public static (string Shared, string Local) Split(string text)
    {
        var shared = new System.Text.StringBuilder(text.Length);
        var local = new System.Text.StringBuilder();
        var inLocal = false;
        foreach (var line in Lines(text))
        {
            if (FirstWord(line) is { } word && SectionWords.Contains(word))
            {
                inLocal = word == LocalSection;
            }

            (inLocal ? local : shared).Append(line);
        }

        return (shared.ToString(), local.ToString());
    }

    /// <summary>
    /// The shared text of <paramref name="text"/> as nodes compare, hash and propose it: <see cref="Split"/>'s shared part
    /// without trailing blank lines, ending with one newline (where the <c>ha</c> section sat in the file makes no difference).
    /// </summary>
    public static string Shared(string text)
    {
        var shared = Split(text).Shared.TrimEnd();
        return shared.Length == 0 ? string.Empty : shared + "\n";
    }

    /// <summary>
    /// A node's file for <paramref name="shared"/>: the shared text, then this node's <paramref name="local"/> part after
    /// one blank line (nothing when the node has none).
    /// </summary>
    public static string Combine(string shared, string local)
    {
        if (local.Length == 0)
        {
            return shared;
        }

        var head = shared.TrimEnd('\n', '\r');
        return head.Length == 0 ? EndWithNewline(local) : head + "\n\n" + EndWithNewline(local);
    }

    private static string EndWithNewline(string text) => text.EndsWith('\n') ? text : text + "\n";

    /// <summary>The lines of <paramref name="text"/>, each with its line ending.</summary>
    private static IEnumerable<string> Lines(string text)
    {
        var start = 0;
        while (start < text.Length)
        {
            var end = text.IndexOf('\n', start);
            end = end < 0 ? text.Length : end + 1;
            yield return text[start..end];
            start = end;
        }
    }

    private static string? FirstWord(string line)
    {
        var trimmed = line.AsSpan().TrimStart();
        if (trimmed.IsEmpty || trimmed[0] == '#')
        {
            return null;
        }

        var end = trimmed.IndexOfAny(" \t\r\n#");
        return (end < 0 ? trimmed : trimmed[..end]).ToString();
    }
}
