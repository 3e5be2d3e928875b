using System.Globalization;

namespace Appliance.HaAgent.Configuration;

/// <summary>Value checks shared by the keywords; each reports its own error and returns false on a bad value.</summary>
internal static class HaArguments
{
    /// <summary>Linux IFNAMSIZ is 16 bytes with the terminating NUL.</summary>
    private const int MaxInterfaceNameLength = 15;

    public static bool TryInteger(string text, int min, int max, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;

    public static bool TryTime(string text, TimeSpan min, TimeSpan max, out TimeSpan value) =>
        HaTime.TryParse(text, out value) && value >= min && value <= max;

    /// <summary>The kernel's rule (dev_valid_name): 1..15 bytes, not "." or "..", no '/', ':' or whitespace.</summary>
    public static bool IsInterfaceName(string text) =>
        text.Length is > 0 and <= MaxInterfaceNameLength
        && text is not "." and not ".."
        && !text.Any(c => c == '/' || c == ':' || char.IsWhiteSpace(c) || c > 0x7E);

    /// <summary>Checks that a single-valued keyword got exactly one argument; reports otherwise.</summary>
    public static bool TrySingle(HaConfigLine line, string expectation, List<HaDiagnostic> diagnostics, out string value)
    {
        if (line.Arguments.Count == 1)
        {
            value = line.Arguments[0];
            return true;
        }

        value = string.Empty;
        diagnostics.Add(HaDiagnostic.Error(line, HaConfigMessages.Expects(line.Keyword, expectation, line.Arguments)));
        return false;
    }
}
