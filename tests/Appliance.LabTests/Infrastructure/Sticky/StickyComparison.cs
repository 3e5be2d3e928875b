using System.Globalization;

namespace Appliance.LabTests.Infrastructure.Sticky;

/// <summary>Of the clients of one kind: how many reached the same server as before, another one, or none.</summary>
internal sealed record StickyComparison(string Kind, int Same, int Moved, int Failed)
{
    public int Total => Same + Moved + Failed;

    /// <summary>The share that reached the same server, 0..1.</summary>
    public double SameRatio => Total == 0 ? 0 : Same / (double)Total;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Kind}: {Same}/{Total} same server ({SameRatio:P2}), {Moved} moved, {Failed} without answer");
}
