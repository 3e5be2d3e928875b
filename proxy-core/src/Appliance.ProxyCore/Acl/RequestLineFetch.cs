namespace Appliance.ProxyCore.Acl;

/// <summary><c>path</c>, <c>url</c>, <c>query</c>, <c>method</c>, <c>req.ver</c>, <c>req.proto_http</c>.</summary>
public sealed class RequestLineFetch(string name, RequestLineValue value) : SampleFetch
{
    public override string Name { get; } = name;

    public RequestLineValue Value { get; } = value;

    public override SampleType Type => Value == RequestLineValue.IsHttp ? SampleType.Boolean : SampleType.String;

    public override bool TryFetch(in SampleContext context, out Sample sample)
    {
        var request = context.Request;
        if (Value == RequestLineValue.IsHttp)
        {
            sample = Sample.FromBoolean(request.IsHttp);
            return true;
        }

        sample = default;
        if (!request.IsHttp)
        {
            return false;
        }

        ReadOnlySpan<char> text;
        switch (Value)
        {
            case RequestLineValue.Path:
                if (!HttpTarget.TryGetPath(request.Url, out text))
                {
                    return false;
                }

                break;
            case RequestLineValue.Query:
                if (!HttpTarget.TryGetQuery(request.Url, out text))
                {
                    return false;
                }

                break;
            case RequestLineValue.Url:
                text = request.Url;
                break;
            case RequestLineValue.Method:
                text = request.Method;
                break;
            default:
                text = request.Version;
                break;
        }

        sample = Sample.FromText(text);
        return true;
    }
}
