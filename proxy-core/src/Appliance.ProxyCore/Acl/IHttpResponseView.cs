namespace Appliance.ProxyCore.Acl;

/// <summary>What <c>http-response</c> conditions and log formats read of a server's response head.</summary>
public interface IHttpResponseView : IHttpHeaders
{
    /// <summary>The status code, e.g. 200 (<c>status</c>, <c>%ST</c>).</summary>
    int Status { get; }
}
