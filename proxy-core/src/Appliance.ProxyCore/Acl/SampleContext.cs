namespace Appliance.ProxyCore.Acl;

/// <summary>
/// Where fetches read from: the request, and the response once there is one (null while request rules run, so that
/// response fetches find nothing there).
/// </summary>
public readonly struct SampleContext(IHttpRequestView request, IHttpResponseView? response = null)
{
    public IHttpRequestView Request { get; } = request;

    public IHttpResponseView? Response { get; } = response;
}
