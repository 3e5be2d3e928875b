namespace Appliance.HaAgent.Sync.Grpc;

/// <summary>
/// The <c>grpc-timeout</c> header value (PROTOCOL-HTTP2.md "Requests": "Timeout → 'grpc-timeout' TimeoutValue
/// TimeoutUnit", "TimeoutValue → {positive integer as ASCII string of at most 8 digits}", "TimeoutUnit → Hour / Minute /
/// Second / Millisecond / Microsecond / Nanosecond" written H M S m u n).
/// </summary>
public static class GrpcTimeout
{
    /// <summary>The largest TimeoutValue: 8 decimal digits.</summary>
    public const long MaxValue = 99_999_999;

    // Units from the finest: a value is written in the finest unit whose count fits in 8 digits.
    private static readonly (char Unit, long Nanoseconds)[] Units =
    [
        ('n', 1),
        ('u', 1_000),
        ('m', 1_000_000),
        ('S', 1_000_000_000),
        ('M', 60L * 1_000_000_000),
        ('H', 3600L * 1_000_000_000),
    ];

    /// <summary>
    /// Formats <paramref name="timeout"/> in the finest unit that fits in 8 digits, rounded up so the peer never sees a
    /// shorter timeout than ours; a timeout beyond 99,999,999 hours is written as that.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="timeout"/> is zero or negative: such a call has already expired and is not sent.</exception>
    public static string Format(TimeSpan timeout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);

        // TimeSpan ticks are 100 ns; the largest TimeSpan in nanoseconds (9.2e20) overflows a long, so count in decimal.
        var nanoseconds = (decimal)timeout.Ticks * 100;
        foreach (var (unit, size) in Units)
        {
            var value = Math.Ceiling(nanoseconds / size);
            if (value <= MaxValue)
            {
                return FormattableString.Invariant($"{value}{unit}");
            }
        }

        return FormattableString.Invariant($"{MaxValue}H");
    }

    /// <summary>
    /// Parses a header value: 1 to 8 ASCII digits and one unit letter, nothing else (no sign, no spaces).
    /// </summary>
    /// <returns>False for a missing or malformed value; a zero value parses (an already expired call).</returns>
    public static bool TryParse(string? value, out TimeSpan timeout)
    {
        timeout = default;
        if (value is null || value.Length < 2 || value.Length > 9)
        {
            return false;
        }

        long count = 0;
        for (var i = 0; i < value.Length - 1; i++)
        {
            var c = value[i];
            if (c is < '0' or > '9')
            {
                return false;
            }

            count = (count * 10) + (c - '0');
        }

        var nanoseconds = value[^1] switch
        {
            'n' => 1L,
            'u' => 1_000L,
            'm' => 1_000_000L,
            'S' => 1_000_000_000L,
            'M' => 60L * 1_000_000_000,
            'H' => 3600L * 1_000_000_000,
            _ => 0L,
        };
        if (nanoseconds == 0)
        {
            return false;
        }

        // 99,999,999 H is about 11,400 years: within TimeSpan (29,000 years) but not within a long of nanoseconds.
        var ticks = Math.Ceiling((decimal)count * nanoseconds / 100);
        timeout = TimeSpan.FromTicks((long)ticks);
        return true;
    }
}
