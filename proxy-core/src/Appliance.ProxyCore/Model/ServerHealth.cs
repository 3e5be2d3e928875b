namespace Appliance.ProxyCore.Model;

/// <summary>The operational state the health checks maintain (HAProxy's UP/DOWN; a server without checks is always Up).</summary>
public enum ServerHealth
{
    Down = 0,
    Up = 1,
}
