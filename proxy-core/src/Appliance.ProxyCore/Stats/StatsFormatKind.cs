namespace Appliance.ProxyCore.Stats;

/// <summary>The form of the stats page a request asks for.</summary>
public enum StatsFormatKind
{
    Html,
    Csv,
    Json,
}
