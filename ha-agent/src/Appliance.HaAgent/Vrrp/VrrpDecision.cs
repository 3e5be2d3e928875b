using Appliance.Contracts;

namespace Appliance.HaAgent.Vrrp;

/// <summary>What the state machine decided for one input: the driver performs <see cref="Actions"/> in order.</summary>
/// <param name="State">The role after the input.</param>
/// <param name="Actions">Actions in the order they must be performed (advert before VIPs before GARP, as §6.4.2 lists them).</param>
/// <param name="Transition">The role change, when the input caused one.</param>
public readonly record struct VrrpDecision(HaRole State, IReadOnlyList<VrrpAction> Actions, VrrpTransition? Transition)
{
    /// <summary>A decision that changes nothing.</summary>
    public static VrrpDecision Nothing(HaRole state) => new(state, [], null);
}
