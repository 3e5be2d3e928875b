namespace Appliance.Bench.Support;

/// <summary>Nearest-rank percentiles (the smallest value with at least p % of the samples at or below it).</summary>
internal static class Percentiles
{
    public static double Of(double[] sorted, double percent)
    {
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(percent / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
