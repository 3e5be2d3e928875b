namespace Appliance.ProxyCore.Model;

/// <summary>
/// The administrative state set by an operator or an agent: <see cref="Ready"/> takes traffic, <see cref="Drain"/> takes
/// only persistent sessions (effective weight 0), <see cref="Maint"/> takes nothing and its checks are not considered.
/// </summary>
public enum ServerAdminState
{
    Ready = 0,
    Drain = 1,
    Maint = 2,
}
