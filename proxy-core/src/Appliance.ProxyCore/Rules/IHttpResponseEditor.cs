using Appliance.ProxyCore.Acl;

namespace Appliance.ProxyCore.Rules;

/// <summary>A response that <c>http-response</c> rules may change: its headers and its status.</summary>
public interface IHttpResponseEditor : IHttpResponseView, IHttpHeaderEditor
{
    /// <summary>Replaces the status; a null <paramref name="reason"/> means the standard reason phrase.</summary>
    void SetStatus(int status, string? reason);
}
