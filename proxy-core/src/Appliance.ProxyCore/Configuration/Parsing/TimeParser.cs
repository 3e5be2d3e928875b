using System.Globalization;

namespace Appliance.ProxyCore.Configuration.Parsing;

/// <summary>
/// HAProxy time values: digits followed by an optional unit <c>us</c>, <c>ms</c>, <c>s</c>, <c>m</c>, <c>h</c> or
/// <c>d</c>; a bare number is in milliseconds. The largest value is 2147483647 ms (~24.8 days), HAProxy's timer limit.
/// </summary>
internal static class TimeParser
{
    public const long MaxMilliseconds = int.MaxValue;

    public static TimeParseStatus TryParse(string text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        var digits = 0;
        while (digits < text.Length && char.IsAsciiDigit(text[digits]))
        {
            digits++;
        }

        if (digits == 0)
        {
            return TimeParseStatus.Invalid;
        }

        decimal? perUnitMs = text[digits..] switch
        {
            "" or "ms" => 1m,
            "us" => 0.001m,
            "s" => 1000m,
            "m" => 60_000m,
            "h" => 3_600_000m,
            "d" => 86_400_000m,
            _ => null,
        };
        if (perUnitMs is null)
        {
            return TimeParseStatus.Invalid;
        }

        // More than 16 digits exceeds the limit in any unit; fewer keep the decimal arithmetic below far from overflow.
        if (digits > 16)
        {
            return TimeParseStatus.Overflow;
        }

        var number = decimal.Parse(text.AsSpan(0, digits), NumberStyles.None, CultureInfo.InvariantCulture);

        // Microseconds round up, so that '500us' is not silently 0 (which would mean "no timeout").
        var ms = Math.Ceiling(number * perUnitMs.Value);
        if (ms > MaxMilliseconds)
        {
            return TimeParseStatus.Overflow;
        }

        value = TimeSpan.FromMilliseconds((double)ms);
        return TimeParseStatus.Ok;
    }
}
