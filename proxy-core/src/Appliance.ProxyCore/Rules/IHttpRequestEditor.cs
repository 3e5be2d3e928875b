using Appliance.ProxyCore.Acl;

namespace Appliance.ProxyCore.Rules;

/// <summary>A request that <c>http-request</c> rules may change: its headers and its target.</summary>
public interface IHttpRequestEditor : IHttpRequestView, IHttpHeaderEditor
{
    /// <summary>Replaces the request-target (<c>set-path</c>, <c>replace-path</c> build the whole new target).</summary>
    void SetUrl(ReadOnlySpan<char> url);
}
