namespace Appliance.ProxyCore.Acl;

/// <summary>An inclusive range of integers; <c>80</c> is <c>80:80</c>, <c>gt 3</c> is <c>4:max</c>.</summary>
public readonly record struct IntegerRange(long Min, long Max)
{
    public bool Contains(long value) => value >= Min && value <= Max;

    public override string ToString() => Min == Max ? $"{Min}" : $"{Min}:{Max}";
}
