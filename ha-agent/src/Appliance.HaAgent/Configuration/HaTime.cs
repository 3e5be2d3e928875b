using System.Globalization;

namespace Appliance.HaAgent.Configuration;

/// <summary>
/// Times in the <c>ha</c> section: a decimal number with an optional unit <c>ms</c>, <c>s</c>, <c>m</c> or <c>h</c>.
/// A bare number is seconds, as in keepalived (<c>advert_int 0.1</c>), unlike HAProxy sections where it is
/// milliseconds; <c>1</c>, <c>1s</c>, <c>1000ms</c> and <c>1.0</c> are the same time.
/// </summary>
public static class HaTime
{
    /// <summary>Parses <paramref name="text"/>; false for anything else, negatives and sub-microsecond fractions included.</summary>
    public static bool TryParse(string text, out TimeSpan time)
    {
        time = default;
        var (number, ticksPerUnit) = SplitUnit(text);
        if (number.Length == 0 || !number.All(c => char.IsAsciiDigit(c) || c == '.')
            || !decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }

        var ticks = value * ticksPerUnit;
        if (ticks > TimeSpan.MaxValue.Ticks || ticks != decimal.Truncate(ticks))
        {
            return false;
        }

        time = TimeSpan.FromTicks((long)ticks);
        return true;
    }

    /// <summary>Formats a time the way the parser reads it back: <c>1s</c>, <c>100ms</c>, <c>1.5s</c>.</summary>
    public static string Format(TimeSpan time) =>
        time.Ticks % TimeSpan.TicksPerSecond == 0
            ? $"{time.Ticks / TimeSpan.TicksPerSecond}s"
            : time.Ticks % TimeSpan.TicksPerMillisecond == 0
                ? $"{time.Ticks / TimeSpan.TicksPerMillisecond}ms"
                : $"{time.TotalSeconds.ToString(CultureInfo.InvariantCulture)}s";

    private static (string Number, decimal TicksPerUnit) SplitUnit(string text) =>
        text.EndsWith("ms", StringComparison.Ordinal) ? (text[..^2], TimeSpan.TicksPerMillisecond)
        : text.EndsWith('s') ? (text[..^1], TimeSpan.TicksPerSecond)
        : text.EndsWith('m') ? (text[..^1], TimeSpan.TicksPerMinute)
        : text.EndsWith('h') ? (text[..^1], TimeSpan.TicksPerHour)
        : (text, TimeSpan.TicksPerSecond);
}
