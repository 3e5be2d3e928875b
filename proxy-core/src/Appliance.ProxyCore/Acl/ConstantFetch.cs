namespace Appliance.ProxyCore.Acl;

/// <summary><c>always_true</c> / <c>always_false</c>, behind the predefined ACLs <c>TRUE</c> and <c>FALSE</c>.</summary>
public sealed class ConstantFetch(bool value) : SampleFetch
{
    public override string Name => Value ? "always_true" : "always_false";

    public bool Value { get; } = value;

    public override SampleType Type => SampleType.Boolean;

    public override bool TryFetch(in SampleContext context, out Sample sample)
    {
        sample = Sample.FromBoolean(Value);
        return true;
    }
}
