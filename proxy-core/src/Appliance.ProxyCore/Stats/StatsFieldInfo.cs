namespace Appliance.ProxyCore.Stats;

/// <summary>One column of the stats CSV.</summary>
/// <param name="Name">The header name, e.g. <c>scur</c>.</param>
/// <param name="Tags">Origin, nature and scope letters as in <c>show stat typed</c>, e.g. <c>MGP</c>.</param>
/// <param name="Type">The value type.</param>
public readonly record struct StatsFieldInfo(string Name, string Tags, StatsValueType Type);
