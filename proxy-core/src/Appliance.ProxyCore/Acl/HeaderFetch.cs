namespace Appliance.ProxyCore.Acl;

/// <summary>
/// <c>hdr(NAME[,OCC])</c>, <c>req.hdr</c>, <c>res.hdr</c>: the comma-separated occurrences of a header. An ACL tests
/// every occurrence unless OCC names one; a log format takes OCC, by default the last one (-1).
/// </summary>
public sealed class HeaderFetch(string name, string header, int? occurrence, bool response) : SampleFetch
{
    public override string Name { get; } = name;

    public string Header { get; } = header;

    /// <summary>1 = first, -1 = last; null = all occurrences in ACLs and the last one elsewhere.</summary>
    public int? Occurrence { get; } = occurrence;

    /// <summary>True for <c>res.hdr</c>, which reads the response.</summary>
    public bool Response { get; } = response;

    public override SampleType Type => SampleType.String;

    public override bool TryFetch(in SampleContext context, out Sample sample)
    {
        sample = default;
        if (Headers(context) is not { } headers || !HeaderValues.TryGet(headers, Header, Occurrence ?? -1, out var value))
        {
            return false;
        }

        sample = Sample.FromText(value);
        return true;
    }

    public override bool VisitAll(in SampleContext context, ISampleVisitor visitor) => Occurrence is null
        ? Headers(context) is { } headers && HeaderValues.VisitAll(headers, Header, visitor)
        : base.VisitAll(context, visitor);

    private IHttpHeaders? Headers(in SampleContext context) => Response ? context.Response : context.Request;
}
