using Appliance.Contracts;
using Appliance.HaAgent.Net;
using Appliance.HaAgent.Vrrp;

namespace Appliance.HaAgent.Tests.Vrrp;

/// <summary>Machines for VRID 51 at 10.0.0.10, 1 s adverts, started at <see cref="Start"/>; peers below and above our address.</summary>
internal static class VrrpMachines
{
    internal static readonly Ipv4Address Local = Address("10.0.0.10");

    internal static readonly Ipv4Address Lower = Address("10.0.0.5");

    internal static readonly Ipv4Address Higher = Address("10.0.0.20");

    internal static readonly TimeSpan Start = TimeSpan.FromSeconds(100);

    internal static VrrpStateMachine Machine(byte priority = 100, bool preempt = true, TimeSpan preemptDelay = default) =>
        new(new VrrpInstanceOptions(51, Local, priority, 100, preempt, preemptDelay));

    internal static VrrpStateMachine StartedBackup(bool preempt = true, TimeSpan preemptDelay = default)
    {
        var machine = Machine(100, preempt, preemptDelay);
        machine.Start(Start);
        return machine;
    }

    internal static VrrpStateMachine StartedMaster()
    {
        var machine = Machine(255);
        machine.Start(Start);
        return machine;
    }

    internal static VrrpStateMachine MasterByTimeout(byte priority)
    {
        var machine = Machine(priority);
        machine.Start(Start);
        Assert.Equal(HaRole.Master, machine.OnTimer(Start + Ms(3600)).State);
        return machine;
    }

    internal static void AssertTransition(VrrpDecision decision, HaRole from, HaRole to, VrrpTransitionReason reason)
    {
        Assert.NotNull(decision.Transition);
        Assert.Equal((from, to, reason), (decision.Transition.From, decision.Transition.To, decision.Transition.Reason));
        Assert.Equal((byte)51, decision.Transition.VirtualRouterId);
    }

    /// <summary>Hands every advert <paramref name="decision"/> sends to <paramref name="receiver"/> and records the transitions.</summary>
    internal static void Deliver(
        VrrpDecision decision, Ipv4Address source, VrrpStateMachine receiver, TimeSpan now, List<VrrpTransition> transitions)
    {
        if (decision.Transition is { } own)
        {
            transitions.Add(own);
        }

        foreach (var action in decision.Actions.Where(a => a.Kind == VrrpActionKind.SendAdvert))
        {
            var reply = receiver.OnAdvert(new ReceivedAdvert(source, action.Priority, 100), now);
            if (reply.Transition is { } caused)
            {
                transitions.Add(caused);
            }
        }
    }

    internal static TimeSpan Ms(int milliseconds) => TimeSpan.FromMilliseconds(milliseconds);

    internal static Ipv4Address Address(string text) =>
        Ipv4Address.TryParse(text, out var address) ? address : throw new ArgumentException(text);
}
