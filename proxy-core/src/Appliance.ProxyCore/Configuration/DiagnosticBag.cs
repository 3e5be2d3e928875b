namespace Appliance.ProxyCore.Configuration;

/// <summary>
/// Collects every diagnostic of one load. Stages and validators add to it and never stop at the first error, so an
/// operator sees all problems of a file at once.
/// </summary>
public sealed class DiagnosticBag
{
    private readonly List<ConfigDiagnostic> _items = [];

    /// <summary>The diagnostics in the order they were added.</summary>
    public IReadOnlyList<ConfigDiagnostic> Items => _items;

    /// <summary>True once any error was added.</summary>
    public bool HasErrors => _items.Exists(d => d.IsError);

    public void Error(SourceLocation location, string message) => Add(new ConfigDiagnostic(location, DiagnosticSeverity.Error, message));

    public void Warning(SourceLocation location, string message) => Add(new ConfigDiagnostic(location, DiagnosticSeverity.Warning, message));

    private void Add(ConfigDiagnostic diagnostic)
    {
        // A line of a defaults section is checked once per proxy that inherits it; report its problem once.
        if (!_items.Contains(diagnostic))
        {
            _items.Add(diagnostic);
        }
    }

    /// <summary>
    /// The diagnostics ordered by line (stable, so diagnostics of one line keep the order they were found in):
    /// parse-time and validation-time findings then read top to bottom like the file.
    /// </summary>
    public IReadOnlyList<ConfigDiagnostic> ToSortedList() =>
        [.. _items.Select((d, i) => (d, i)).OrderBy(x => x.d.Location.Line).ThenBy(x => x.i).Select(x => x.d)];
}
