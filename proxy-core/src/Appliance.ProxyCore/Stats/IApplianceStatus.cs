namespace Appliance.ProxyCore.Stats;

/// <summary>
/// What the host tells the stats page about the node's high-availability state; set on the engine with
/// <see cref="ProxyEngine.ApplianceStatus"/>. Read on every page view, so implementations return their current values
/// quickly and without blocking.
/// </summary>
public interface IApplianceStatus
{
    /// <summary>The node's name as the HA configuration knows it.</summary>
    string NodeName { get; }

    /// <summary>The HA role now, e.g. <c>MASTER</c>, <c>BACKUP</c>, <c>FAULT</c>; null when HA is not configured.</summary>
    string? Role { get; }

    /// <summary>The virtual IP addresses this node holds now (CIDR form, e.g. <c>10.213.0.10/24</c>); empty when none.</summary>
    IReadOnlyList<string> Vips { get; }
}
