namespace Appliance.ProxyCore.Acl;

/// <summary><c>req.cook(NAME)</c> / <c>res.cook(NAME)</c>: the value of a cookie; ACLs test every occurrence.</summary>
public sealed class CookieFetch(string name, string cookie, bool response) : SampleFetch
{
    public override string Name { get; } = name;

    public string Cookie { get; } = cookie;

    /// <summary>True for <c>res.cook</c> (Set-Cookie of the response).</summary>
    public bool Response { get; } = response;

    public override SampleType Type => SampleType.String;

    public override bool TryFetch(in SampleContext context, out Sample sample)
    {
        sample = default;
        if (Headers(context) is not { } headers || !CookieValues.TryGetLast(headers, Cookie, Response, out var value))
        {
            return false;
        }

        sample = Sample.FromText(value);
        return true;
    }

    public override bool VisitAll(in SampleContext context, ISampleVisitor visitor) =>
        Headers(context) is { } headers && CookieValues.VisitAll(headers, Cookie, Response, visitor);

    private IHttpHeaders? Headers(in SampleContext context) => Response ? context.Response : context.Request;
}
