namespace Appliance.ProxyCore.Acl;

/// <summary><c>status</c>: the response status code; no value while request rules run.</summary>
public sealed class StatusFetch : SampleFetch
{
    public override string Name => "status";

    public override SampleType Type => SampleType.Integer;

    public override bool TryFetch(in SampleContext context, out Sample sample)
    {
        sample = context.Response is { } response ? Sample.FromInteger(response.Status) : default;
        return context.Response is not null;
    }
}
