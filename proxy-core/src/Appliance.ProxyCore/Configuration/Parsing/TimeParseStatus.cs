namespace Appliance.ProxyCore.Configuration.Parsing;

/// <summary>The outcome of <see cref="TimeParser.TryParse"/>.</summary>
internal enum TimeParseStatus
{
    Ok,
    Invalid,
    Overflow,
}
