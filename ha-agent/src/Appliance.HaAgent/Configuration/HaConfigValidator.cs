using Appliance.Contracts;
using Appliance.HaAgent.Vrrp;

namespace Appliance.HaAgent.Configuration;

/// <summary>Checks that need the whole section: required keywords and keywords that contradict each other.</summary>
internal static class HaConfigValidator
{
    public static void Validate(HaConfigLine section, HaConfigBuilder b, List<HaDiagnostic> d)
    {
        // A required keyword that was given but invalid already has its own error; do not add a second one.
        if (b.Interface is null && b.SeenAt(HaKeywords.Interface) is null)
        {
            d.Add(HaDiagnostic.Error(section, HaConfigMessages.Required(HaKeywords.Interface)));
        }

        if (b.VirtualRouterId is null && b.SeenAt(HaKeywords.VirtualRouterId) is null)
        {
            d.Add(HaDiagnostic.Error(section, HaConfigMessages.Required(HaKeywords.VirtualRouterId)));
        }

        if (b.VirtualAddresses.Count == 0 && b.SeenAt(HaKeywords.VirtualIpAddress) is null)
        {
            d.Add(HaDiagnostic.Error(section, HaConfigMessages.RequiredOne(HaKeywords.VirtualIpAddress)));
        }

        if (b.VirtualAddresses.Count > byte.MaxValue)
        {
            d.Add(HaDiagnostic.Error(b.VirtualAddresses[byte.MaxValue].Line, HaConfigMessages.TooManyAddresses(b.VirtualAddresses.Count)));
        }

        if (b.SeenAt(HaKeywords.PreemptDelay) is { } delay && b.SeenAt(HaKeywords.Nopreempt) is { } nopreempt)
        {
            d.Add(HaDiagnostic.Warning(delay, HaConfigMessages.PreemptDelayWithNopreempt(nopreempt)));
        }

        if (b.UnicastSource is { } source)
        {
            if (b.UnicastPeers.Count == 0)
            {
                d.Add(HaDiagnostic.Warning(b.SeenAt(HaKeywords.UnicastSourceIp)!, HaConfigMessages.UnicastSourceWithoutPeers()));
            }

            foreach (var (peer, line) in b.UnicastPeers.Where(p => p.Peer == source))
            {
                d.Add(HaDiagnostic.Error(line, HaConfigMessages.PeerIsSelf(peer.ToString())));
            }
        }

        HaDiscoveryKeywords.Validate(section, b, d);
        HaSyncKeywords.Validate(section, b, d);

        if (b.InitialStateHint == HaRole.Master && b.Priority != VrrpConstants.OwnerPriority)
        {
            d.Add(HaDiagnostic.Warning(b.SeenAt("state")!, HaConfigMessages.StateIgnored()));
        }
    }
}
