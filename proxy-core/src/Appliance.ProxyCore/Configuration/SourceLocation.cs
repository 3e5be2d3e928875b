namespace Appliance.ProxyCore.Configuration;

/// <summary>Where a configuration line came from; printed as <c>FILE:LINE</c>.</summary>
public readonly record struct SourceLocation(string File, int Line)
{
    public override string ToString() => $"{File}:{Line}";
}
