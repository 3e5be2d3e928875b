using Appliance.Contracts;
using Appliance.HaAgent.Net;
using Appliance.Host.Switchover;

namespace Appliance.Host.Tests.Switchover;

/// <summary>An ha-agent whose resignation is answered by <see cref="NextMaster"/> (or by nobody, and it is master again).</summary>
internal sealed class FakeSwitchoverAgent : ISwitchoverAgent
{
    public HaRole Role { get; set; } = HaRole.Master;

    public TimeSpan AdvertInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    public byte Priority { get; set; } = 150;

    public Ipv4Address? MasterAddress { get; set; }

    public bool IsHeld { get; set; }

    public byte? PriorityOverride { get; set; }

    /// <summary>The master heard after the resignation; null = nobody takes over and this node is master again.</summary>
    public Ipv4Address? NextMaster { get; set; } = new Ipv4Address(0x0AD5000C);

    /// <summary>With no <see cref="NextMaster"/>: true = master again at once (Master_Down_Interval passed), false = still backup.</summary>
    public bool MasterAgainWhenNobodyTakesOver { get; set; } = true;

    public List<string> Calls { get; } = [];

    public Task<HaRole> ResignAsync(TimeSpan? hold)
    {
        Calls.Add($"resign {hold?.ToString() ?? "until released"}");
        IsHeld = true;
        Role = HaRole.Backup;
        MasterAddress = NextMaster;
        var after = Role;
        if (NextMaster is null && MasterAgainWhenNobodyTakesOver)
        {
            Role = HaRole.Master;
        }

        return Task.FromResult(after);
    }

    public Task<HaRole> OverridePriorityAsync(byte? priority, TimeSpan? duration)
    {
        Calls.Add($"override {priority} {duration?.ToString() ?? "until released"}");
        PriorityOverride = priority;
        Priority = priority ?? 100;
        return Task.FromResult(Role);
    }

    public Task<HaRole> ReleaseAsync()
    {
        Calls.Add("release");
        IsHeld = false;
        PriorityOverride = null;
        return Task.FromResult(Role);
    }
}
