namespace Appliance.ProxyCore.Stats;

/// <summary>The <c>type</c> column: what a stats row describes (HAProxy's numbers).</summary>
public enum StatsObjectType
{
    Frontend = 0,
    Backend = 1,
    Server = 2,
}
