using System.Text;

namespace Appliance.ProxyCore.Rules.LogFormat;

/// <summary>
/// A compiled log-format string (header values, redirect targets, dynamic backend names, later log lines). Render it
/// into a caller-provided builder; rendering allocates nothing once the builder has grown.
/// </summary>
public sealed class LogFormatString
{
    private readonly LogFormatSegment[] _segments;

    public LogFormatString(string source, IReadOnlyList<LogFormatSegment> segments)
    {
        Source = source;
        _segments = [.. segments];
        IsLiteral = _segments.All(s => s is LiteralSegment);
        LiteralText = IsLiteral ? string.Concat(_segments.Cast<LiteralSegment>().Select(s => s.Text)) : null;
    }

    /// <summary>The text as written in the configuration.</summary>
    public string Source { get; }

    public IReadOnlyList<LogFormatSegment> Segments => _segments;

    /// <summary>True when there is no variable: the value is <see cref="LiteralText"/> for every request.</summary>
    public bool IsLiteral { get; }

    /// <summary>The value of a literal format (with <c>%%</c> resolved); null when it has variables.</summary>
    public string? LiteralText { get; }

    /// <summary>Appends the value for <paramref name="transaction"/> to <paramref name="output"/>.</summary>
    public void Render(HttpTransaction transaction, StringBuilder output)
    {
        foreach (var segment in _segments)
        {
            segment.Append(transaction, output);
        }
    }

    public override string ToString() => Source;
}
