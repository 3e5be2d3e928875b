using System.Globalization;

namespace Appliance.ProxyCore.Configuration.Parsing;

/// <summary>
/// Reads the typed argument of a keyword and reports a precise error when it is wrong. <c>Keyword</c> is how the
/// keyword is named in messages (e.g. <c>'timeout client'</c>), <c>where</c> names the section.
/// </summary>
internal sealed class ValueReader(DiagnosticBag bag)
{
    public int? Integer(string keyword, string where, string text, int min, int max, SourceLocation location)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        bag.Error(location, ConfigMessages.ExpectsInteger(keyword, where, min, max, text));
        return null;
    }

    public int? Port(string keyword, string where, string text, SourceLocation location)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value is >= 1 and <= 65535)
        {
            return value;
        }

        bag.Error(location, ConfigMessages.InvalidPort(keyword, where, text));
        return null;
    }

    public TimeSpan? Time(string keyword, string where, string text, SourceLocation location)
    {
        switch (TimeParser.TryParse(text, out var value))
        {
            case TimeParseStatus.Ok:
                return value;
            case TimeParseStatus.Overflow:
                bag.Error(location, ConfigMessages.TimeOverflow(keyword, where, text));
                return null;
            default:
                bag.Error(location, ConfigMessages.ExpectsTime(keyword, where, text));
                return null;
        }
    }

    /// <summary>Checks that a keyword got exactly <paramref name="count"/> arguments; reports and returns false if not.</summary>
    public bool Arity(ConfigLine line, string where, int count, string expected)
    {
        if (line.Arguments.Count == count)
        {
            return true;
        }

        bag.Error(line.Location, line.Arguments.Count < count
            ? ConfigMessages.MissingArgument(line.Keyword, where, expected)
            : ConfigMessages.TooManyArguments(line.Keyword, where, expected, line.Arguments[count]));
        return false;
    }
}
