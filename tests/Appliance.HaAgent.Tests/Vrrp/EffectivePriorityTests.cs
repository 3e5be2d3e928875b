using Appliance.HaAgent.Vrrp;

namespace Appliance.HaAgent.Tests.Vrrp;

public sealed class EffectivePriorityTests
{
    [Theory]
    [InlineData(100, 0, 100)]
    [InlineData(255, 0, 255)]
    [InlineData(100, 30, 70)]
    [InlineData(255, 10, 245)]
    [InlineData(255, 1, 254)]
    [InlineData(100, 99, 1)]
    [InlineData(100, 100, 1)]
    [InlineData(100, 600, 1)]
    public void Compute_FailedWeights_SubtractsAndClampsToOneTo254(int configured, int failedWeights, int expected)
    {
        Assert.Equal((byte)expected, EffectivePriority.Compute((byte)configured, failedWeights));
    }

    [Fact]
    public void Compute_NegativeWeights_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => EffectivePriority.Compute(100, -1));
    }
}
