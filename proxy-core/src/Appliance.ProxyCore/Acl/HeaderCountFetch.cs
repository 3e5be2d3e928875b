namespace Appliance.ProxyCore.Acl;

/// <summary><c>hdr_cnt(NAME)</c> / <c>req.hdr_cnt</c>: how many occurrences of the header there are (0 when none).</summary>
public sealed class HeaderCountFetch(string name, string header) : SampleFetch
{
    public override string Name { get; } = name;

    public string Header { get; } = header;

    public override SampleType Type => SampleType.Integer;

    public override bool TryFetch(in SampleContext context, out Sample sample)
    {
        sample = Sample.FromInteger(HeaderValues.Count(context.Request, Header));
        return true;
    }
}
