using System.Globalization;

namespace Appliance.ProxyCore.Stats;

/// <summary>One cell of a stats row: empty (HAProxy leaves the column blank), a number, or text.</summary>
public readonly record struct StatsValue
{
    private StatsValue(long number, string? text, bool present)
    {
        Number = number;
        Text = text;
        IsPresent = present;
    }

    /// <summary>False for an empty cell.</summary>
    public bool IsPresent { get; }

    /// <summary>The number (0 for text and empty cells).</summary>
    public long Number { get; }

    /// <summary>The text; null for numbers and empty cells.</summary>
    public string? Text { get; }

    public bool IsText => Text is not null;

    public static StatsValue Of(long number) => new(number, null, true);

    public static StatsValue Of(string text) => new(0, text, true);

    /// <summary>The cell as CSV prints it before quoting: the number, the text, or nothing.</summary>
    public override string ToString() => !IsPresent ? string.Empty : Text ?? Number.ToString(CultureInfo.InvariantCulture);
}
