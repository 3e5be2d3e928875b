namespace Appliance.Tests.Common;

/// <summary>A <see cref="Random"/> whose <see cref="NextDouble"/> always returns one value, for code that jitters schedules.</summary>
public sealed class FixedRandom : Random
{
    private readonly double _value;

    /// <param name="value">What <see cref="NextDouble"/> returns, in [0, 1).</param>
    public FixedRandom(double value)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(value, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(value, 1.0);
        _value = value;
    }

    public override double NextDouble() => _value;

    protected override double Sample() => _value;
}
