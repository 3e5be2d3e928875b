namespace Appliance.ProxyCore.Acl;

/// <summary>
/// <c>base</c>: the Host header's value followed by the path (HAProxy's definition), e.g. <c>example.com/a/b</c>.
/// It joins two parts, so it writes into the thread's scratch buffer; without a Host header it is the path alone.
/// </summary>
public sealed class BaseFetch : SampleFetch
{
    public override string Name => "base";

    public override SampleType Type => SampleType.String;

    public override bool TryFetch(in SampleContext context, out Sample sample)
    {
        sample = default;
        var request = context.Request;
        if (!request.IsHttp || !HttpTarget.TryGetPath(request.Url, out var path))
        {
            return false;
        }

        if (!HeaderValues.TryGetFirstLine(request, "Host", out var host))
        {
            sample = Sample.FromText(path);
            return true;
        }

        var buffer = ConverterScratch.Get(0, host.Length + path.Length);
        host.CopyTo(buffer);
        path.CopyTo(buffer[host.Length..]);
        sample = Sample.FromText(buffer[..(host.Length + path.Length)]);
        return true;
    }
}
