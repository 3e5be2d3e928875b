namespace Appliance.ProxyCore.Configuration.Parsing;

/// <summary>
/// Groups lines into sections: a line whose first word is a section keyword opens a section, every other line belongs
/// to the open one. Lines before the first section are errors.
/// </summary>
internal sealed class SectionSplitter(DiagnosticBag bag)
{
    private readonly List<ConfigSection> _sections = [];
    private string? _keyword;
    private IReadOnlyList<string> _arguments = [];
    private SourceLocation _location;
    private List<ConfigLine> _lines = [];

    /// <summary>The keyword of the section being filled, or null before the first section.</summary>
    public string? CurrentSection => _keyword;

    public void Add(IReadOnlyList<string> words, SourceLocation location)
    {
        if (SectionKeywords.IsSection(words[0]))
        {
            Close();
            _keyword = words[0];
            _arguments = [.. words.Skip(1)];
            _location = location;
            _lines = [];
            return;
        }

        if (_keyword is null)
        {
            bag.Error(location, ConfigMessages.LineOutsideSection(words[0], NearestMatch.Find(words[0], SectionKeywords.All)));
            return;
        }

        _lines.Add(new ConfigLine(words[0], [.. words.Skip(1)], location));
    }

    /// <summary>Closes the last section and returns all of them in file order.</summary>
    public IReadOnlyList<ConfigSection> Finish()
    {
        Close();
        return _sections;
    }

    private void Close()
    {
        if (_keyword is not null)
        {
            _sections.Add(new ConfigSection(_keyword, _arguments, _location, _lines));
            _keyword = null;
        }
    }
}
