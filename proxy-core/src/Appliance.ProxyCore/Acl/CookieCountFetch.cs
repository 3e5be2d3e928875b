namespace Appliance.ProxyCore.Acl;

/// <summary><c>req.cook_cnt([NAME])</c>: how many times the cookie appears (every cookie without a name).</summary>
public sealed class CookieCountFetch(string name, string cookie) : SampleFetch
{
    public override string Name { get; } = name;

    public string Cookie { get; } = cookie;

    public override SampleType Type => SampleType.Integer;

    public override bool TryFetch(in SampleContext context, out Sample sample)
    {
        sample = Sample.FromInteger(CookieValues.Count(context.Request, Cookie, response: false));
        return true;
    }
}
