namespace Appliance.HaAgent.Vrrp;

/// <summary>
/// The timer arithmetic of RFC 5798 §6.1, in centiseconds as the RFC states it. Integer division truncates
/// Skew_Time exactly as the RFC's formula does when evaluated in centiseconds.
/// </summary>
public static class VrrpTiming
{
    /// <summary>Skew_Time = ((256 − Priority) × Master_Adver_Interval) / 256 (RFC 5798 §6.1), in centiseconds.</summary>
    public static int SkewTimeCs(byte priority, int masterAdverIntervalCs)
    {
        ValidateInterval(masterAdverIntervalCs);
        return (256 - priority) * masterAdverIntervalCs / 256;
    }

    /// <summary>Master_Down_Interval = 3 × Master_Adver_Interval + Skew_Time (RFC 5798 §6.1), in centiseconds.</summary>
    public static int MasterDownIntervalCs(byte priority, int masterAdverIntervalCs) =>
        (3 * masterAdverIntervalCs) + SkewTimeCs(priority, masterAdverIntervalCs);

    /// <summary>Converts centiseconds (the unit of every VRRP timer) to a <see cref="TimeSpan"/>.</summary>
    public static TimeSpan FromCentiseconds(int centiseconds) => TimeSpan.FromMilliseconds(centiseconds * 10L);

    /// <summary>Throws unless the interval fits the 12-bit Max Adver Int field and is not zero.</summary>
    public static void ValidateInterval(int intervalCs)
    {
        if (intervalCs is < 1 or > VrrpConstants.MaxAdvertisementIntervalCs)
        {
            throw new ArgumentOutOfRangeException(
                nameof(intervalCs), intervalCs, "an advertisement interval is 1 to 4095 centiseconds (RFC 5798 §5.2.7)");
        }
    }
}
