namespace Appliance.ProxyCore.Configuration;

/// <summary>The section a proxy was declared in. A <see cref="Listen"/> section is a frontend and a backend at once.</summary>
public enum ProxyKind
{
    Frontend,
    Backend,
    Listen,
}
